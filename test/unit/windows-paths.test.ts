/**
 * Windows, tested on any machine with `path.win32`: finding Chrome or Edge (Program Files,
 * a Thai user name in LOCALAPPDATA, `Path` spelt any way), the modeline that init writes,
 * output paths that mirror the input tree, and drive letters.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { findBrowser, installedLocations, type BrowserSearch } from '../../src/print/browser.js';
import { modelineFor } from '../../src/cli/editor.js';
import { mirroredOutput, splitPattern, toGlobPattern } from '../../src/batch/inputs.js';
import { display } from '../../src/cli/report.js';
import { isInside } from '../../src/cli/watch.js';
import { UserError } from '../../src/diagnostics.js';

function windows(env: NodeJS.ProcessEnv, files: string[]): BrowserSearch {
  const present = new Set(files.map((f) => f.toLowerCase()));
  return { platform: 'win32', env, path: path.win32, isExecutable: (f) => present.has(f.toLowerCase()) };
}

const ENV = {
  'ProgramFiles': 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  'LOCALAPPDATA': 'C:\\Users\\สมหญิง ใจดี\\AppData\\Local',
  'Path': 'C:\\Windows\\system32;C:\\Windows',
};

describe('finding a browser on Windows', () => {
  it('finds Edge where Windows installs it, and Chrome first when both are there', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser(undefined, windows(ENV, [edge]))).toEqual({ path: edge, source: 'installed application', headlessShell: false });
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(undefined, windows(ENV, [edge, chrome])).path).toBe(chrome);
  });

  it('finds a Chrome installed for one user only, under a Thai user name', () => {
    const chrome = 'C:\\Users\\สมหญิง ใจดี\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(undefined, windows(ENV, [chrome])).path).toBe(chrome);
    expect(installedLocations(windows(ENV, []))).toContain(chrome);
  });

  it('reads Path however it is spelt, with ; between folders and .exe names', () => {
    const onPath = 'D:\\Portable\\Chromium\\chrome.exe';
    expect(findBrowser(undefined, windows({ ...ENV, Path: `C:\\Windows;D:\\Portable\\Chromium` }, [onPath]))).toEqual({ path: onPath, source: 'PATH', headlessShell: false });
    expect(findBrowser(undefined, windows({ PATH: 'D:\\Portable\\Chromium' }, [onPath])).path).toBe(onPath);
  });

  it('puts --browser and PUPPETEER_EXECUTABLE_PATH first, and says how to get a browser when there is none', () => {
    const mine = 'E:\\เครื่องมือ\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser(mine, windows(ENV, [mine, edge])).source).toBe('--browser');
    expect(findBrowser(undefined, windows({ ...ENV, puppeteer_executable_path: mine }, [mine, edge])).source).toBe('PUPPETEER_EXECUTABLE_PATH');
    expect(() => findBrowser(undefined, windows(ENV, []))).toThrow(UserError);
    try {
      findBrowser(undefined, windows(ENV, []));
    } catch (err) {
      expect((err as UserError).diagnostics[0]!.hint!.th).toContain('Microsoft Edge');
    }
  });
});

describe('paths written for Windows', () => {
  it('the modeline is relative with forward slashes, also from a year subfolder and through Thai folder names', () => {
    const root = 'C:\\Users\\สมหญิง\\เอกสาร ITA';
    expect(modelineFor('plan', root, root, path.win32)).toBe('# yaml-language-server: $schema=.ita-report/plan.schema.json');
    expect(modelineFor('results', `${root}\\ปี 2569`, root, path.win32)).toBe('# yaml-language-server: $schema=../.ita-report/results.schema.json');
  });

  it('output paths mirror the input tree below the folder or pattern given', () => {
    expect(mirroredOutput('C:\\รายงาน 2568', 'C:\\รายงาน 2568\\ลำปาง\\แผน ฉบับที่ 1.yaml', path.win32)).toBe('ลำปาง\\แผน ฉบับที่ 1.pdf');
    const { base } = splitPattern(toGlobPattern('C:\\รายงาน 2568\\**\\*.yaml', path.win32));
    expect(mirroredOutput(path.win32.normalize(base), 'C:\\รายงาน 2568\\ลำปาง\\plan.YAML', path.win32)).toBe('ลำปาง\\plan.pdf');
  });

  it('a file on another drive is shown as it is, and is not inside a folder of another drive', () => {
    expect(display('D:\\เอกสาร\\plan.yaml', 'C:\\Users\\สมหญิง', path.win32)).toBe('D:\\เอกสาร\\plan.yaml');
    expect(display('C:\\Users\\สมหญิง\\เอกสาร\\plan.yaml', 'C:\\Users\\สมหญิง', path.win32)).toBe('เอกสาร\\plan.yaml');
    expect(isInside('D:\\templates\\plan\\document.hbs', 'C:\\templates', path.win32)).toBe(false);
    expect(isInside('C:\\templates\\plan\\document.hbs', 'C:\\templates', path.win32)).toBe(true);
    expect(isInside('C:\\templates-old\\x.hbs', 'C:\\templates', path.win32)).toBe(false);
  });
});
