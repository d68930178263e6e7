/**
 * The two example results reports (seeds 000 and 001) and a grouped fixture, printed
 * by the real CLI with Chromium and read back with poppler.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageSizes, pdffonts, pdfinfo, pdftotext, ROOT, runCli, tempDir, toThaiDigits, zeroWidthWords } from '../helpers.js';

const strip = (s: string) => s.replace(/\s+/g, '');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

interface Built {
  pdf: string;
  pages: string[];
  /** The build's diagnostics, from its --json summary. */
  diagnostics: { severity: string; code: string; line: number; path: string; message: string }[];
}
function build(yaml: string, name: string): Built {
  const dir = tempDir('results-e2e-');
  const run = runCli(['build', '--json', yaml, '-o', dir]);
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const diagnostics = (JSON.parse(run.stdout) as { documents: { diagnostics: Built['diagnostics'] }[] }).documents[0]!.diagnostics;
  const pdf = join(dir, name);
  // Text in drawing order (-raw): the lines of each table cell stay together.
  return { pdf, pages: ['', ...pdftotext(pdf, ['-raw']).split('\f').slice(0, -1)], diagnostics };
}

/** Every page landscape A4, only Sarabun, no tone marks leaked to the foot of a page. */
function expectOfficialPdf(pdf: string): void {
  const sizes = pageSizes(pdf);
  expect(sizes.length).toBeGreaterThan(1);
  for (const s of sizes) {
    expect(Math.abs(s.width - 841.9), `page ${s.page} width`).toBeLessThan(1.5);
    expect(Math.abs(s.height - 595.3), `page ${s.page} height`).toBeLessThan(1.5);
  }
  const fonts = pdffonts(pdf);
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) expect(f).toMatch(/\+Sarabun-/);
  expect(zeroWidthWords(pdf)).toEqual([]);
}

/** The link annotations' targets. */
const uris = (pdf: string) => new Set([...readFileSync(pdf, 'latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]));

describe('seed 000: เทศบาลนครลำปาง, FY 2565', () => {
  let b: Built;
  beforeAll(() => {
    b = build(join(ROOT, 'examples/lampang-city/results-2565.yaml'), 'results-2565.pdf');
  });

  it('is built without warnings on landscape A4 pages in Sarabun', () => {
    expect(b.diagnostics).toEqual([]);
    expectOfficialPdf(b.pdf);
    expect(pdfinfo(b.pdf)).toMatch(/Author:\s+เทศบาลนครลำปาง/);
  });

  it('has the title block, the six headings on every page, and page numbers from page 2', () => {
    const first = strip(b.pages[1]!);
    expect(first).toContain(strip('รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส'));
    expect(first).toContain(strip('ของเทศบาลนครลำปาง ประจำปีงบประมาณ พ.ศ. ๒๕๖๕'));
    expect(first).toContain(strip('ประจำปีงบประมาณ พ.ศ. ๒๕๖๔'));
    expect(first).not.toContain('-๑-');
    b.pages.slice(1).forEach((t, i) => {
      for (const h of ['มาตรการ', 'วิธีการดำเนินการ', 'ผู้รับผิดชอบ', 'ระยะเวลา', 'ผลการดำเนินการ', 'ข้อเสนอแนะ']) expect(strip(t), `page ${i + 1}`).toContain(h);
      if (i > 0) expect(strip(t)).toContain(`-${toThaiDigits(String(i + 1))}-`);
    });
  });

  it('prints every measure, numbered in Thai digits, again only on the pages its row runs on to', () => {
    const all = strip(b.pages.join('\n'));
    const titles = ['การกำหนดขั้นตอนและระยะเวลาในการให้บริการ', 'มาตรการส่งเสริมความโปร่งใส', 'การบริหารและพัฒนาทรัพยากรบุคคล', 'การเสริมสร้างวัฒนธรรมองค์กร', 'การป้องกันการทุจริต', 'การบริหารงบประมาณ', 'การจัดซื้อจัดจ้างและการจัดหาพัสดุ'];
    let last = 0;
    titles.forEach((t, i) => {
      const numbered = strip(`${String.fromCharCode(0x0e51 + i)}. ${t}`);
      // A long name repeated on the next page is shortened with "…": look for its start.
      const pages = b.pages.flatMap((p, n) => (strip(p).includes(numbered.slice(0, 12)) ? [n] : []));
      expect(pages.length, t).toBeGreaterThan(0);
      expect(pages[0]!, t).toBeGreaterThanOrEqual(last);
      expect(pages, `${t} on consecutive pages`).toEqual(pages.map((_, k) => pages[0]! + k));
      for (const p of pages) expect(count(strip(b.pages[p]!), numbered.slice(0, 12)), `${t} once on page ${p}`).toBe(1);
      last = pages[pages.length - 1]!;
    });
    expect(count(all, strip('ต.ค. ๖๔ – ก.ย. ๖๕'))).toBe(7);
    expect(all).toContain(strip('๓.๕ การให้คุณให้โทษและการสร้างขวัญกำลังใจ'));
  });

  it('makes the links clickable and prints their addresses with Arabic digits', () => {
    expect(uris(b.pdf)).toEqual(new Set(['http://www.lampangcity.go.th/mains/backend/public/uploads/service/115/1497598744.pdf', 'http://www.lampangcity.go.th/mains/contact-us']));
    const all = strip(b.pages.join(''));
    expect(all).toContain('http://www.lampangcity.go.th/mains/backend/public/uploads/service/115/1497598744.pdf');
    expect(all).toContain('http://www.lampangcity.go.th/mains/contact-us');
  });

  it('lets a long row run on to the next page instead of leaving half-empty pages', () => {
    // Measure ๓ starts on one page and its steps continue on the next.
    const start = b.pages.findIndex((t) => strip(t).includes(strip('๓. การบริหารและพัฒนาทรัพยากรบุคคล')));
    expect(strip(b.pages[start + 1]!)).toContain(strip('๓.๑ การสรรหาและคัดเลือกบุคลากร'));
    expect(b.pages.length - 1).toBeLessThanOrEqual(11);
  });
});

describe('seed 001: เทศบาลเมืองลพบุรี, FY 2568', () => {
  let b: Built;
  beforeAll(() => {
    b = build(join(ROOT, 'examples/lopburi-city/results-2568.yaml'), 'results-2568.pdf');
  });

  it('is built with one warning: the meeting after the fiscal year ended', () => {
    expect(b.diagnostics.map((d) => [d.severity, d.code, d.path])).toEqual([['warning', 'date/outside-fiscal-year', 'items[6].outputs[2]']]);
    expect(b.diagnostics[0]!.message).toBe('{{date 2025-10-02}} (2 ตุลาคม 2568) อยู่หลังสิ้นปีงบประมาณ พ.ศ. 2568 ที่รายงาน (30 กันยายน 2568)');
    expectOfficialPdf(b.pdf);
  });

  it('uses Arabic digits, the seven headings, the budget as a field', () => {
    const all = strip(b.pages.join('\n'));
    expect(all).not.toMatch(/[๐-๙]/);
    expect(all).toContain(strip('ประจำปีงบประมาณ พ.ศ. 2568'));
    for (const h of ['ประเด็นการประเมิน', 'โครงการ/กิจกรรม/มาตรการ', 'ขั้นตอนหรือวิธีการปฏิบัติ', 'ผลการดำเนินการ (Output)', 'ผลลัพธ์ (Outcome)', 'ผู้รับผิดชอบ']) expect(all).toContain(strip(h));
    expect(count(all, '(ไม่ใช้งบประมาณ)')).toBe(7);
    expect(all).not.toContain('ไม่ใช่งบประมาณ');
    expect(all).toContain(strip('ธ.ค. 67 – ก.ย. 68'));
    expect(all).toContain(strip('2 ต.ค. 2568'));
    expect(uris(b.pdf)).toEqual(new Set(['https://www.lopburicity.go.th/']));
  });

  it('says "(ต่อ)" on the headings of what continues, only on continuation pages', () => {
    expect(b.pages[1]).not.toContain('(ต่อ)');
    // Measure 1's steps run over page 1: page 2 continues the steps and the issue.
    expect(strip(b.pages[2]!)).toContain(strip('ขั้นตอนหรือวิธีการปฏิบัติ (ต่อ)'));
    expect(strip(b.pages[2]!)).toContain(strip('ประเด็นการประเมิน (ต่อ)'));
    expect(strip(b.pages[2]!)).not.toContain(strip('ผลการดำเนินการ (Output) (ต่อ)'));
    // A page where a new issue starts at the top has no "(ต่อ)".
    const eService = b.pages.findIndex((t) => strip(t).includes(strip('การให้บริการและระบบ E-Service')));
    expect(b.pages[eService]).not.toContain('(ต่อ)');
    // Every page after the first has the header row.
    for (const t of b.pages.slice(1)) expect(strip(t)).toContain('ผู้รับผิดชอบ');
  });

  it('cuts cells between lines without losing or repeating any', () => {
    const pages = b.pages.map(strip);
    /** Whole on one page, or its start at the end of a page's lines and the rest on the next page. */
    const printedOnce = (text: string): number => {
      const t = strip(text);
      let found = pages.reduce((n, p) => n + count(p, t), 0);
      for (let n = 1; n + 1 < pages.length; n++) {
        for (let k = 4; k < t.length - 4; k++) if (pages[n]!.endsWith(t.slice(0, k)) && pages[n + 1]!.includes(t.slice(k))) found += 1;
      }
      return found;
    };
    for (const s of [
      'เผยแพร่รายงานผลการดำเนินการให้ประชาชนทราบผ่านช่องทางต่าง ๆ',
      'ระบบยื่นคำร้องออนไลน์ทาง Google Form เพื่อขอให้จัดเก็บกิ่งไม้ใบไม้',
      'รายงานผลการจัดซื้อจัดจ้างรายเดือนและรายปี',
      'ประชุมคณะกรรมการพิจารณาเลื่อนขั้นเงินเดือน ทบทวนผลการประเมินตามที่คณะกรรมการกลั่นกรองเสนอ',
    ]) expect(printedOnce(s), s).toBe(1);
  });
});

describe('a report grouped by indicator', () => {
  let b: Built;
  beforeAll(() => {
    b = build(join(ROOT, 'test/fixtures/results/valid/indicator-groups.yaml'), 'indicator-groups.pdf');
  });

  it('heads each group with the indicator, repeated with "(ต่อ)" on its next pages', () => {
    expectOfficialPdf(b.pdf);
    const groupPages = b.pages.flatMap((t, i) => (strip(t).includes(strip('ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล')) ? [i] : []));
    expect(groupPages.length).toBeGreaterThan(1);
    expect(strip(b.pages[groupPages[0]!]!)).not.toContain(strip('การเปิดเผยข้อมูล (ต่อ)'));
    for (const p of groupPages.slice(1)) expect(strip(b.pages[p]!)).toContain(strip('ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (ต่อ)'));
    // The author's name for indicator 8 replaces the year's.
    expect(strip(b.pages.join(''))).toContain(strip('ตัวชี้วัดที่ ๘ การปรับปรุงระบบการทำงาน'));
  });

  it('prints budgets, split responsibility, status, and the signature block', () => {
    const all = strip(b.pages.join('\n'));
    expect(all).toContain(strip('(๒๕,๐๐๐ บาท)'));
    expect(all).toContain(strip('(๑,๒๕๐.๕๐ บาท)'));
    expect(all).toContain(strip('หน่วยงานสนับสนุน'));
    expect(all).toContain(strip('กองคลัง กองช่าง'));
    expect(all).toContain('อยู่ระหว่างดำเนินการ');
    expect(all).toContain(strip('๖ ม.ค. ๖๘ – ๓๐ มิ.ย. ๖๘'));
    const last = strip(b.pages[b.pages.length - 1]!);
    expect(last).toContain(strip('(นายตัวอย่าง ทดสอบ)'));
    expect(last).toContain(strip('๓๐ กันยายน ๒๕๖๘'));
    expect([...uris(b.pdf)][0]).toMatch(/organization-structure-and-executives-of-the-municipality\.pdf$/);
  });
});
