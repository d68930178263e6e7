/**
 * What the measures kind computes for its template: scores, level, tables with
 * spanning cells, numbered measures, placeholders resolved; the charts as SVG;
 * and measureList, which the results report uses to find each measure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { deriveDocument, renderHtml } from '../../src/pipeline.js';
import { measureList, type MeasuresInput } from '../../src/kinds/measures/input.js';
import { barChart, estimateWidthEm, lineChart } from '../../src/render/charts.js';
import { ROOT } from '../helpers.js';

const EXAMPLE = join(ROOT, 'examples', 'lampang-pao', 'measures-2567.yaml');
const ARABIC = join(ROOT, 'test', 'fixtures', 'measures', 'valid', 'history-arabic.yaml');

interface Model {
  title: string;
  yearText: string;
  analysis: {
    introduction: string;
    tools: { label: string; weight: string; score: string; below: boolean }[];
    overall: string;
    level: string;
    indicators: { no: string; name: string; tool: string; score: string; verdict: string }[];
    barSvg: string;
    lineSvg: string;
    issues: { number: string; title: string; analysis: string; rows: { groupFirst: boolean; groupSpan: number; tool: string; id: string; score: string }[] }[];
  };
  measures: { topics: { heading: string; measures: { number: string; title: string; period: string; responsible: { label?: string; units: string[] }[]; monitoring?: string | string[] }[] }[]; monitoringColumn: boolean; monitoring?: string[] };
  approval: { name: string; position: string[]; date: string };
}

let example: { model: Model; input: MeasuresInput };
let arabic: { model: Model; input: MeasuresInput };

async function load(file: string) {
  const d = await deriveDocument(file);
  expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  return { model: d.derived!.model as Model, input: d.doc!.data as MeasuresInput };
}

beforeAll(async () => {
  example = await load(EXAMPLE);
  arabic = await load(ARABIC);
});

describe('the example (seed 003)', () => {
  it('computes the tools, the overall score and the level from the indicators', () => {
    const a = example.model.analysis;
    expect(a.tools.map((t) => [t.label, t.weight, t.score])).toEqual([
      ['IIT', '๓๐', '๙๗.๐๑'],
      ['EIT', '๓๐', '๘๖.๑๘'],
      ['OIT', '๔๐', '๑๐๐.๐๐'],
    ]);
    expect(a.overall).toBe('๙๔.๙๖');
    expect(a.level).toBe('ผ่านดี');
    expect(a.introduction).toContain('ได้คะแนน ๙๔.๙๖ คะแนน อยู่ในระดับ**ผ่านดี**');
  });

  it('names the indicators from the year data, in order, with their scores', () => {
    const a = example.model.analysis;
    expect(a.indicators).toHaveLength(10);
    expect(a.indicators[3]).toMatchObject({ no: '๔', name: 'การใช้ทรัพย์สินของราชการ', tool: 'IIT', score: '๙๑.๘๖' });
    expect(a.indicators[6]).toMatchObject({ name: 'ประสิทธิภาพการสื่อสาร', score: '๘๔.๒๙', verdict: 'ต้องแก้ไขเร่งด่วน' });
    expect(a.indicators[7]!.name).toBe('การปรับปรุงการทำงาน');
  });

  it("quotes the table's figure where the seed's text had another (88.28, not 86.47)", () => {
    const issue1 = example.model.analysis.issues[0]!;
    expect(issue1.analysis).toContain('คุณภาพการดำเนินงานได้ ๘๘.๒๘ คะแนน');
    expect(issue1.analysis).toContain('ได้ ๘๒.๑๑ คะแนน');
    expect(issue1.analysis).not.toContain('{{');
    expect(example.model.analysis.issues[1]!.analysis).toContain('ประสิทธิภาพการสื่อสารได้ ๘๔.๒๙ คะแนน');
  });

  it('groups questions by tool, with the tool and the action spanning the group', () => {
    const issue6 = example.model.analysis.issues[5]!;
    expect(issue6.number).toBe('๖');
    const firsts = issue6.rows.filter((r) => r.groupFirst).map((r) => [r.tool, r.groupSpan]);
    expect(firsts).toEqual([['IIT', 7], ['OIT', 7]]);
    expect(issue6.rows.map((r) => r.id)).toContain('i๒๗');
    expect(issue6.rows.find((r) => r.id === 'i๒๗')!.score).toBe('๙๕.๕๗');
    const total = example.model.analysis.issues.reduce((n, i) => n + i.rows.length, 0);
    expect(total).toBe(87); // every question row of the seed
  });

  it('numbers the measures by topic, over the whole fiscal year by default', () => {
    const topics = example.model.measures.topics;
    expect(topics).toHaveLength(7);
    expect(topics[0]!.heading).toMatch(/^หัวข้อที่ ๑ /);
    expect(topics[0]!.measures.map((m) => m.number)).toEqual(['๑.๑', '๑.๒', '๑.๓']);
    expect(topics[0]!.measures[0]!.period).toBe('ต.ค. ๖๖ – ก.ย. ๖๗');
    // A lone main part goes unlabelled.
    expect(topics[0]!.measures[0]!.responsible).toEqual([{ label: undefined, units: ['สำนักปลัด อบจ.', 'ส่วนราชการอื่น\u00a0ๆ'] }]);
    // One monitoring for all: said once under the table, not in a column.
    expect(example.model.measures.monitoringColumn).toBe(false);
    expect(example.model.measures.monitoring).toHaveLength(2);
  });

  it('numbers and words topics the authority\'s way, prints periods and labels in its format', async () => {
    const d = await deriveDocument(join(ROOT, 'test/fixtures/measures/valid/cover-and-formats.yaml'));
    expect(d.diagnostics).toEqual([]);
    const m = d.derived!.model as Model & { cover?: { title: string[] }; titleBlock: { main: { text: string }; sub: { text: string }[] } };
    const topics = m.measures.topics;
    expect(topics.map((t) => t.heading)).toEqual(['ด้านที่ ก: คุณภาพการให้บริการ', 'ด้านที่ ข: การใช้ทรัพย์สินของราชการ']);
    expect(topics[0]!.measures.map((x) => x.number)).toEqual(['ก.๑', 'ก.๒']);
    expect(topics[0]!.measures.map((x) => x.period)).toEqual(['ทุกไตรมาส', '๖ มกราคม – ๓๑ มีนาคม ๒๕๖๘']);
    expect(topics[1]!.measures[0]!.period).toBe('เมษายน – กันยายน ๒๕๖๘');
    expect(topics[1]!.measures[0]!.responsible.map((p) => p.label)).toEqual(['หลัก\u00a0:', 'สนับสนุน\u00a0:']);
    expect(m.titleBlock.sub.map((l) => l.text)).toEqual(['เทศบาลตำบลตัวอย่าง อำเภอเกาะคา จังหวัดลำปาง']);
    expect(m.cover?.title).toEqual(['มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘', 'เทศบาลตำบลตัวอย่าง อำเภอเกาะคา จังหวัดลำปาง']);
  });

  it('dates the approval in Thai', () => {
    expect(example.model.approval.date).toBe('๑๐ มกราคม พ.ศ. ๒๕๖๗');
    expect(example.model.approval.position).toEqual(['นายกองค์การบริหารส่วนจังหวัดลำปาง']);
  });

  it('lists the measures for the results report, keyed by id', () => {
    const list = measureList(example.input);
    expect(list).toHaveLength(9);
    expect(list[0]).toEqual({ key: 'service-manual', title: 'จัดทำและเผยแพร่คู่มือการปฏิบัติงานและการให้บริการ', path: ['measures', 'topics', 0, 'measures', 0] });
    expect(list[8]!.path).toEqual(['measures', 'topics', 6, 'measures', 0]);
    expect(new Set(list.map((m) => m.key)).size).toBe(9);
  });

  it('renders the charts inline as SVG in the HTML', async () => {
    const d = await deriveDocument(EXAMPLE);
    const html = await renderHtml('measures', d.derived!);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/<img|data:image/);
  });
});

describe('a document with history and Arabic digits', () => {
  it('rates it ผ่าน: total 91.57 but EIT under 85', () => {
    expect(arabic.model.analysis.overall).toBe('91.57');
    expect(arabic.model.analysis.tools.map((t) => t.score)).toEqual(['93.97', '82.18', '96.80']);
    expect(arabic.model.analysis.tools[1]!.below).toBe(true);
    expect(arabic.model.analysis.level).toBe('ผ่าน');
  });

  it('draws the years in order, with each year\'s level by its own rules', () => {
    const svg = arabic.model.analysis.lineSvg;
    const labels = [...svg.matchAll(/>ปี (\d{4})</g)].map((m) => m[1]);
    expect(labels).toEqual(['2562', '2563', '2564', '2565', '2566', '2567']);
    for (const level of ['>B<', '>A<', '>ผ่านดี<', '>ผ่าน<']) expect(svg).toContain(level);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    for (const v of ['78.40', '83.12', '88.75', '90.02', '92.50', '91.57']) expect(svg).toContain(`>${v}<`);
  });

  it('shows a monitoring column when a measure has its own, and prints periods and units', () => {
    expect(arabic.model.measures.monitoringColumn).toBe(true);
    const m = arabic.model.measures.topics[0]!.measures[0]!;
    expect(m.period).toBe('1 พ.ย. 67 – 31 มี.ค. 68');
    expect(m.monitoring).toBe('รายงานผลต่อนายกเทศมนตรีทุกไตรมาส');
    const asset = arabic.model.measures.topics[1]!.measures[0]!;
    expect(asset.period).toBe('เม.ย. 68 – ก.ย. 68');
    // Both parts, under the default labels.
    expect(asset.responsible).toEqual([
      { label: 'หน่วยงานรับผิดชอบหลัก\u00a0:', units: ['กองคลัง'] },
      { label: 'หน่วยงานสนับสนุน\u00a0:', units: ['ทุกกอง'] },
    ]);
  });

  it('keys a measure without an id by its title, whitespace collapsed', () => {
    const input = structuredClone(arabic.input);
    input.measures.topics[0]!.measures[0]!.title = '  จัดทำคู่มือ\n  การให้บริการ ';
    expect(measureList(input).map((m) => m.key)).toEqual(['จัดทำคู่มือ การให้บริการ', 'asset-rules']);
  });
});

describe('charts', () => {
  const opts = { digits: 'thai' as const, passMark: 8500, title: 'ทดสอบ' };

  it('draws one bar per item on a 0–100 axis with the pass mark, in Sarabun with Thai digits', () => {
    const svg = barChart([{ label: '๑. การปฏิบัติหน้าที่', value: 10000 }, { label: '๗. ประสิทธิภาพการสื่อสาร', value: 8429 }], opts);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg).toContain('font-family="Sarabun"');
    expect(svg.match(/<rect /g)).toHaveLength(2);
    for (const tick of ['๐', '๒๐', '๔๐', '๖๐', '๘๐', '๑๐๐']) expect(svg).toContain(`>${tick}<`);
    expect(svg).toContain('เกณฑ์ผ่าน ๘๕');
    expect(svg).toContain('>๘๔.๒๙<');
    expect(svg).toContain('>๑๐๐.๐๐<');
    expect(svg).toContain('fill="#c0392b"'); // the bar under the pass mark
    expect(svg).not.toMatch(/[0-9]{2}\.[0-9]{2}</); // no Arabic scores
  });

  it('places the pass mark at 85 % of the axis', () => {
    const svg = barChart([{ label: 'a', value: 5000 }], opts);
    const ticks = [...svg.matchAll(/<line x1="([\d.]+)" y1="[\d.]+" x2="\1"/g)].map((m) => Number(m[1]));
    const zero = ticks[0]!;
    const hundred = ticks[10]!;
    const mark = Number(/stroke-dasharray="5 3"/.test(svg) && /<line x1="([\d.]+)"[^>]*stroke-dasharray/.exec(svg)![1]);
    expect(mark).toBeCloseTo(zero + 0.85 * (hundred - zero), 0);
  });

  it('escapes labels', () => {
    const svg = lineChart([{ label: 'a < b & "c"', value: 9000 }], { ...opts, digits: 'arabic' });
    expect(svg).toContain('a &lt; b &amp; &quot;c&quot;');
    expect(svg).toContain('>90.00<');
    expect(svg).not.toContain('<path'); // one point: no line
  });

  it('estimates Thai widths without counting marks above and below', () => {
    expect(estimateWidthEm('ที่')).toBeCloseTo(estimateWidthEm('ท'), 5);
    expect(estimateWidthEm('การใช้ทรัพย์สินของราชการ')).toBeGreaterThan(estimateWidthEm('การใช้อำนาจ'));
  });
});
