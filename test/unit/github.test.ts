/** Diagnostics as GitHub Actions workflow commands: one line each, nothing in the text can end a property early. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bi, type Diagnostic } from '../../src/diagnostics.js';
import { annotation, inGitHubActions } from '../../src/cli/github.js';

const base: Diagnostic = {
  severity: 'error', code: 'schema/unknown-key', file: '/repo/reports/2568/a,b/plan:1.yaml', line: 30, column: 17, path: ['budjet'],
  message: bi('ไม่รู้จักฟิลด์ "budjet" 100%', 'unknown key "budjet" 100%'), hint: bi('หมายถึง "budget"\nหรือไม่?', 'did you mean "budget"?\r\nsee the schema'),
};
const env = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/repo' };

describe('GitHub annotations', () => {
  it('are on only where GitHub says so', () => {
    expect(inGitHubActions(env)).toBe(true);
    expect(inGitHubActions({})).toBe(false);
    expect(inGitHubActions({ GITHUB_ACTIONS: 'false' })).toBe(false);
  });

  it('name the file relative to the checkout, the line and column, and escape , : % and line breaks', () => {
    const line = annotation(base, 'en', env);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe(
      '::error file=reports/2568/a%2Cb/plan%3A1.yaml,line=30,col=17,title=ita-report schema/unknown-key::'
      + 'reports/2568/a,b/plan:1.yaml:30:17: error: unknown key "budjet" 100%25 (at budjet)%0A    fix: did you mean "budget"?%0D%0Asee the schema',
    );
  });

  it('leave out line and column for a problem of the whole file, and keep warnings warnings', () => {
    const line = annotation({ ...base, severity: 'warning', line: 0, column: 0, file: join('/repo', 'x.yaml') }, 'th', env);
    expect(line).toMatch(/^::warning file=x\.yaml,title=ita-report schema\/unknown-key::x\.yaml: คำเตือน: /);
  });
});
