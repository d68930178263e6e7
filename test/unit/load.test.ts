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
