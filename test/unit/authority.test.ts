/**
 * `authority: ../authority.yaml`: the authority's details written once and referred to.
 * Problems are reported where they are: inside the authority file at its own lines, a
 * dangling or circular reference at the line that makes it.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument, deriveDocument } from '../../src/pipeline.js';
import { expandInputs } from '../../src/batch/inputs.js';
import { ROOT, tempDir } from '../helpers.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const INLINE = 'authority:\n  name: องค์การบริหารส่วนตำบลตัวอย่าง\n  short_name: อบต.ตัวอย่าง\n  province: ลำปาง\n';
const AUTHORITY = 'kind: authority\nname: องค์การบริหารส่วนตำบลตัวอย่าง\nshort_name: อบต.ตัวอย่าง\ntype: องค์การบริหารส่วนตำบล\ndistrict: เกาะคา\nprovince: ลำปาง\nhead:\n  name: นายสมชาย ใจดี\n  title: นายกองค์การบริหารส่วนตำบลตัวอย่าง\n';

/** reports/2569/plan.yaml referring to `ref`, plus the given files under reports/. */
function layout(ref: string, files: Record<string, string>): { dir: string; doc: string } {
  const dir = tempDir('authority-');
  mkdirSync(join(dir, '2569'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const doc = join(dir, '2569/plan.yaml');
  writeFileSync(doc, MINIMAL.replace(INLINE, `authority: ${ref}\n`));
  return { dir, doc };
}

const errors = (list: { severity: string }[]) => list.filter((d) => d.severity === 'error');

describe('an authority file referred to by a document', () => {
  it('supplies the fields, exactly as if they were written inline', async () => {
    const { dir, doc } = layout('../authority.yaml', { 'authority.yaml': AUTHORITY });
    const checked = await deriveDocument(doc, { root: dir });
    expect(errors(checked.diagnostics)).toEqual([]);
    expect(checked.doc!.data).toMatchObject({ authority: { name: 'องค์การบริหารส่วนตำบลตัวอย่าง', province: 'ลำปาง', head: { title: 'นายกองค์การบริหารส่วนตำบลตัวอย่าง' } } });
    expect((checked.doc!.data as { authority: Record<string, unknown> }).authority.kind).toBeUndefined();
    expect(checked.derived!.meta.author).toBe('องค์การบริหารส่วนตำบลตัวอย่าง');
    // The authority file is an input of the document: incremental builds and --watch follow it.
    expect(checked.doc!.dependencies).toContain(join(dir, 'authority.yaml'));
  });

  it('reports a missing file at the referring line, in Thai and English', async () => {
    const { dir, doc } = layout('../authorty.yaml', { 'authority.yaml': AUTHORITY });
    const [d, ...rest] = errors((await checkDocument(doc, { root: dir })).diagnostics) as Awaited<ReturnType<typeof checkDocument>>['diagnostics'];
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'authority/not-found', file: doc, line: 3, path: ['authority'] });
    expect(d!.message.th).toContain('ไม่พบไฟล์ข้อมูลหน่วยงาน');
    expect(d!.message.en).toContain('not found');
    expect(d!.hint!.th).toContain('ita-report init');
  });

  it('reports a field error inside the authority file at its line in that file', async () => {
    const { dir, doc } = layout('../authority.yaml', { 'authority.yaml': AUTHORITY.replace('province: ลำปาง', 'provnce: ลำปาง').replace('type: องค์การบริหารส่วนตำบล', 'type: อบต') });
    const list = errors((await checkDocument(doc, { root: dir })).diagnostics);
    expect(list.map((d) => [d.code, d.file, d.line])).toEqual(expect.arrayContaining([
      ['schema/unknown-key', join(dir, 'authority.yaml'), 6],
      ['schema/enum', join(dir, 'authority.yaml'), 4],
    ]));
    const typo = list.find((d) => d.code === 'schema/unknown-key')!;
    expect(typo.hint!.th).toContain('หมายถึง "province" หรือไม่?');
    // Nothing is reported again at the document's own authority line.
    expect(list.filter((d) => d.file === doc)).toEqual([]);
  });

  it('follows extends:, the nearer file overriding the base', async () => {
    const { dir, doc } = layout('../office.yaml', {
      'authority.yaml': AUTHORITY,
      'office.yaml': 'kind: authority\nextends: authority.yaml\naddress: 99 หมู่ 1 ตำบลตัวอย่าง\nprovince: ลำพูน\n',
    });
    const checked = await checkDocument(doc, { root: dir });
    expect(errors(checked.diagnostics)).toEqual([]);
    expect(checked.doc!.data).toMatchObject({ authority: { name: 'องค์การบริหารส่วนตำบลตัวอย่าง', province: 'ลำพูน', address: '99 หมู่ 1 ตำบลตัวอย่าง', district: 'เกาะคา' } });
  });

  it('reports a circle of extends: at the line that closes it', async () => {
    const { dir, doc } = layout('../a.yaml', {
      'a.yaml': 'kind: authority\nname: องค์การบริหารส่วนตำบลตัวอย่าง\nextends: b.yaml\n',
      'b.yaml': 'kind: authority\n# b refers back to a\nextends: a.yaml\n',
    });
    const list = errors((await checkDocument(doc, { root: dir })).diagnostics);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ code: 'authority/cycle', file: join(dir, 'b.yaml'), line: 3, path: ['extends'] });
    expect(list[0]!.message.th).toContain('../a.yaml → ../b.yaml → ../a.yaml');
  });

  it('refuses a document named as the authority file, and a name where a file is expected', async () => {
    const { dir, doc } = layout('../other.yaml', { 'other.yaml': MINIMAL });
    expect(errors((await checkDocument(doc, { root: dir })).diagnostics).map((d) => [d.code, d.line])).toEqual([['authority/not-authority-file', 3]]);
    const other = tempDir('authority-');
    const named = join(other, 'plan.yaml');
    writeFileSync(named, MINIMAL.replace(INLINE, 'authority: องค์การบริหารส่วนตำบลตัวอย่าง\n'));
    const list = errors((await checkDocument(named)).diagnostics);
    expect(list.map((d) => [d.code, d.line])).toEqual([['authority/not-a-file', 3]]);
    expect(list[0]!.hint!.th).toContain('authority: ../authority.yaml');
  });

  it('embeds the logo, relative to the file that names it, and reports a missing one at its line', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>';
    const { dir, doc } = layout('../authority.yaml', { 'authority.yaml': `${AUTHORITY}logo: logo.svg\n`, 'logo.svg': svg });
    const checked = await checkDocument(doc, { root: dir });
    expect(errors(checked.diagnostics)).toEqual([]);
    const logo = (checked.doc!.data as { authority: { logo: string } }).authority.logo;
    expect(logo.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(logo.split(',')[1]!, 'base64').toString()).toBe(svg);
    expect(checked.doc!.dependencies).toContain(join(dir, 'logo.svg'));
    writeFileSync(join(dir, 'authority.yaml'), `${AUTHORITY}logo: images/logo.png\n`);
    const missing = errors((await checkDocument(doc, { root: dir })).diagnostics);
    expect(missing.map((d) => [d.code, d.file, d.line])).toEqual([['authority/logo-not-found', join(dir, 'authority.yaml'), 10]]);
  });

  it('validates an authority file on its own, and leaves it out of a folder build', async () => {
    const { dir } = layout('../authority.yaml', { 'authority.yaml': AUTHORITY });
    expect(errors((await checkDocument(join(dir, 'authority.yaml'))).diagnostics)).toEqual([]);
    const noName = join(dir, 'incomplete.yaml');
    writeFileSync(noName, 'kind: authority\nprovince: ลำปาง\n');
    expect(errors((await checkDocument(noName)).diagnostics).map((d) => d.code)).toEqual(['schema/missing-key']);
    const { inputs } = await expandInputs([dir]);
    expect(inputs.map((i) => i.file)).toEqual([join(dir, '2569/plan.yaml')]);
  });
});
