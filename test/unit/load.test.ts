import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/load/source.js';
import { parseYaml } from '../../src/load/yaml.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeSource', () => {
  it('strips a UTF-8 byte order mark', () => {
    const r = decodeSource('a.yaml', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('kind: plan\n')]));
    expect(r).toEqual({ ok: true, text: 'kind: plan\n' });
  });

  it('recognises TIS-620 (Windows-874) and says how to re-save as UTF-8', () => {
    // "ชื่อ" in TIS-620
    const r = decodeSource('a.yaml', new Uint8Array([0x6e, 0x3a, 0x20, 0xaa, 0xd7, 0xe8, 0xcd, 0x0a]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostic.code).toBe('load/tis620');
      expect(r.diagnostic.hint?.th).toContain('UTF-8');
    }
  });

  it('refuses UTF-16 with a fix', () => {
    const r = decodeSource('a.yaml', new Uint8Array([0xff, 0xfe, 0x6b, 0x00]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostic.code).toBe('load/utf16');
  });
});

describe('parseYaml', () => {
  it('reads Windows line endings like Unix ones', () => {
    const unix = parseYaml('a.yaml', 'kind: plan\nname: x\n').loaded!.data;
    const windows = parseYaml('a.yaml', 'kind: plan\r\nname: x\r\n').loaded!.data;
    expect(windows).toEqual(unix);
  });

  it('keeps dates as strings so no timezone can shift them', () => {
    const data = parseYaml('a.yaml', 'issued: 2024-10-01\n').loaded!.data as { issued: unknown };
    expect(data.issued).toBe('2024-10-01');
  });

  it('reports a tab used for indentation at its line, in Thai and English', () => {
    const r = parseYaml('a.yaml', 'authority:\n\tname: x\n');
    expect(r.loaded).toBeUndefined();
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('yaml/tab_as_indent');
    expect(d.line).toBe(2);
    expect(d.message.th).toContain('แท็บ');
    expect(d.message.en).toContain('tab');
  });

  it('reports a duplicated key at the second occurrence', () => {
    const r = parseYaml('a.yaml', 'kind: plan\ntitle: a\ntitle: b\n');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toContainEqual(['yaml/duplicate_key', 3]);
  });

  it('locates values and keys by their YAML path', () => {
    const text = 'kind: plan\ndimensions:\n  - name: a\n    missions:\n      - name: b\n        budget:\n          2566: 10\n';
    const doc = parseYaml('a.yaml', text).loaded!;
    expect(doc.locate(['dimensions', 0, 'missions', 0, 'name'])).toEqual({ line: 5, column: 15 });
    expect(doc.locate(['dimensions', 0, 'missions', 0, 'budget', '2566'], { key: true })).toEqual({ line: 7, column: 11 });
    // A path that does not exist points at its deepest existing ancestor.
    expect(doc.locate(['dimensions', 0, 'missions', 0, 'nothing']).line).toBe(5);
  });
});

describe('decodeSource on bytes that are not text', () => {
  it('calls binary or random bytes "not UTF-8 text", keeping TIS-620 for what is Thai text', () => {
    const random = new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x00, 0x8f, 0xa3, 0xfe, 0x12, 0xc8, 0x9d, 0xb1]);
    const r = decodeSource('a.yaml', random);
    expect(r.ok === false && r.diagnostic.code).toBe('load/not-utf8');
    const png = decodeSource('a.yaml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xa1]));
    expect(png.ok === false && png.diagnostic.code).toBe('load/not-utf8');
  });
});

/** The one error a text gives, as "line:column code". */
function onlyError(text: string): string {
  const errors = parseYaml('a.yaml', text).diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toHaveLength(1);
  return `${errors[0]!.line}:${errors[0]!.column} ${errors[0]!.code}`;
}

describe('YAML mistakes officers make, each one message that says what to type', () => {
  it('says to add a space after a colon', () => {
    const text = 'kind: plan\nprojects:\n  - name: อบรม\n    responsible:สำนักปลัด\n    outputs: [x]\n';
    expect(onlyError(text)).toBe('4:5 yaml/no-space-after-colon');
    const d = parseYaml('a.yaml', text).diagnostics[0]!;
    expect(d.hint!.en).toBe('put a space after the colon: responsible: สำนักปลัด');
    expect(d.hint!.th).toContain('responsible: สำนักปลัด');
  });

  it('says to quote a text that contains ": "', () => {
    const text = 'kind: plan\nprojects:\n  - name: โครงการ: อบรมคุณธรรม\n    outputs: [x]\n';
    expect(onlyError(text)).toBe('3:11 yaml/colon-in-text');
    expect(parseYaml('a.yaml', text).diagnostics[0]!.hint!.en).toBe('put the text in quotes: name: "โครงการ: อบรมคุณธรรม"');
  });

  it('gives one message, at the line indented wrongly, with the indentation to use', () => {
    // Before, this one line gave eight errors (BAD_INDENT on every line below it).
    const lines = ['kind: plan', 'projects:', '  - name: อบรม', '    budget:', '        2566: 20000', '      2567: 10000', '    rationale: เหตุผล', '    objectives: [a]', '    method: [b]', '    outputs: [c]', '    outcomes: d', '  - name: อื่น', '    outputs: [e]'];
    expect(onlyError(lines.join('\n'))).toBe('5:9 yaml/bad_indent');
    expect(parseYaml('a.yaml', lines.join('\n')).diagnostics[0]!.hint!.en).toBe('indent it 6 space(s), like line 6 (2567: 10000)');
  });

  it('reads anchors and aliases, a key written twice in two spellings being one key', () => {
    const loaded = parseYaml('a.yaml', 'base: &b { x: 1 }\nuse: [*b, *b]\n').loaded!;
    expect(loaded.data).toEqual({ base: { x: 1 }, use: [{ x: 1 }, { x: 1 }] });
    expect(onlyError('budget:\n  2566: 1\n  "2566": 2\n')).toBe('3:3 yaml/duplicate_key');
  });
});
