/** The plan's own rules where they share the checks of every kind (src/validate/dates.ts). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath } from '../../src/diagnostics.js';
import { checkDocument } from '../../src/pipeline.js';
import { ROOT, yamlFile } from '../helpers.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const issuedProblems = async (issued: string) =>
  (await checkDocument(yamlFile(MINIMAL.replace('issued: 2022-09-15', `issued: ${issued}`)))).diagnostics.filter((d) => formatPath(d.path) === 'issued');

describe("the plan's issue date", () => {
  it('written in the Buddhist era, date or month, gets the same value in the Christian era as its fix', async () => {
    const [date] = await issuedProblems('2565-09-15');
    expect([date!.code, date!.hint!.en]).toEqual(['date/buddhist-year', 'write 2022-09-15; the tool prints the Buddhist era']);
    const [month] = await issuedProblems('2565-09');
    expect(month!.code).toBe('date/buddhist-year');
    expect(month!.message.en).toBe('2565-09 uses a Buddhist-era year; this field takes the Christian era');
    expect(month!.hint!.en).toContain('write 2022-09;');
  });

  it('never gets another invalid date as its fix', async () => {
    const [d] = await issuedProblems('2565-13-45');
    expect(d!.code).toBe('date/buddhist-year');
    expect(d!.hint!.en).not.toContain('2022-13-45');
    expect(d!.hint!.th).not.toContain('2022-13-45');
    expect(d!.hint!.en).toContain('check the month (01–12) and day');
  });

  it('that does not exist is an error, in the Christian era too', async () => {
    const [d] = await issuedProblems('2022-02-30');
    expect(d!.code).toBe('date/invalid');
  });
});

describe('project names of a plan', () => {
  it('that differ only in spaces and line breaks are one name, as progress reports match them', async () => {
    const text = MINIMAL.replace('- name: มาตรการเผยแพร่ข้อมูลข่าวสาร', '- name: โครงการอบรม คุณธรรมจริยธรรม');
    const { diagnostics } = await checkDocument(yamlFile(text));
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'plan/duplicate-project', text.split('\n').findIndex((l) => l.includes('โครงการอบรม คุณธรรม')) + 1]]);
    expect((await checkDocument(yamlFile(MINIMAL))).diagnostics).toEqual([]);
  });
});
