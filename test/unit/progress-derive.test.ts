/**
 * What the progress kind computes: percentages rounded once, half up, from the exact
 * ratio; counts per status per dimension and in total; money in integer satang; and
 * what the fixtures' reports print, taken from their plan.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveDocument } from '../../src/pipeline.js';
import { ROUND_WORDS_LIST, STATUS_WORDS_LIST, statusOf } from '../../src/kinds/progress/input.js';
import { formatPercent, percent, tally, type ProjectFigures } from '../../src/kinds/progress/summary.js';
import { stackedBarChart } from '../../src/render/charts.js';
import { parseAmount } from '../../src/thai/index.js';
import { ROOT, tempDir } from '../helpers.js';

const DIR = join(ROOT, 'test', 'fixtures', 'progress');
const YEARLY = join(DIR, 'valid', 'yearly-2567.yaml');
const SIX_MONTH = join(DIR, 'valid', 'six-month-2567-arabic.yaml');

const satang = (baht: number | string) => {
  const parsed = parseAmount(baht);
  if (!parsed.ok) throw new Error(`not an amount: ${baht}`);
  return parsed.satang;
};

describe('percent (integer hundredths of a percent, half up)', () => {
  it('rounds the exact ratio once', () => {
    expect(percent(1, 8)).toBe(1250);
    expect(percent(1, 3)).toBe(3333);
    expect(percent(2, 3)).toBe(6667);
    expect(percent(5, 5)).toBe(10000);
    expect(percent(0, 7)).toBe(0);
    expect(percent(49, 40)).toBe(12250); // over the plan: 122.50
  });

  it('rounds a half up, where binary floats would not', () => {
    // 1/800 = 0.125 % → 0.13; 201/20000 = 1.005 % → 1.01 (Math.round(1.005 * 100) gives 100).
    expect(percent(1, 800)).toBe(13);
    expect(percent(201, 20000)).toBe(101);
    expect(Math.round((201 / 20000) * 100 * 100)).toBe(100);
    expect(percent(1, 20000)).toBe(1);
    expect(percent(1, 20001)).toBe(0);
  });

  it('stays exact on amounts in satang beyond 2^53 when multiplied', () => {
    // 5,679,270.50 of 5,825,000 baht (the example's totals) = 97.4982… %.
    expect(percent(satang(5679270.5), satang(5825000))).toBe(9750);
    expect(percent(satang('9999999999999.99'), satang('9999999999999.99'))).toBe(10000);
  });

  it('has no percentage of nothing', () => {
    expect(percent(0, 0)).toBeUndefined();
    expect(percent(500, 0)).toBeUndefined();
  });

  it('prints two decimals in the document digits, "-" for none', () => {
    expect(formatPercent(9750, 'thai')).toBe('๙๗.๕๐');
    expect(formatPercent(5, 'arabic')).toBe('0.05');
    expect(formatPercent(12250, 'arabic')).toBe('122.50');
    expect(formatPercent(undefined, 'thai')).toBe('-');
  });
});

describe('tally', () => {
  const projects: ProjectFigures[] = [
    { dimension: 0, status: 'done', planned: satang(20000), spent: satang(0.1) },
    { dimension: 0, status: 'in_progress', planned: satang(150000.5), spent: satang(0.2) },
    { dimension: 1, status: 'cancelled', planned: 0, spent: 0 },
    { dimension: 1, status: 'done', planned: 0, spent: satang(15250.75) },
  ];

  it('counts per status per dimension, every dimension included, and in total', () => {
    const t = tally(projects, 3);
    expect(t.dimensions.map((d) => d.projects)).toEqual([2, 2, 0]);
    expect(t.dimensions[0]!.counts).toEqual({ done: 1, in_progress: 1, not_started: 0, cancelled: 0 });
    expect(t.dimensions[1]!.counts).toEqual({ done: 1, in_progress: 0, not_started: 0, cancelled: 1 });
    expect(t.total.counts).toEqual({ done: 2, in_progress: 1, not_started: 0, cancelled: 1 });
    expect(t.total.projects).toBe(4);
  });

  it('adds money in satang, exactly (0.1 + 0.2 baht is 30 satang)', () => {
    const t = tally(projects, 3);
    expect(t.dimensions[0]!.spent).toBe(30);
    expect(t.dimensions[0]!.planned).toBe(17000050);
    expect(t.total.spent).toBe(30 + 1525075);
    expect(0.1 + 0.2).not.toBe(0.3);
  });
});

describe('stackedBarChart', () => {
  const segments = [
    { label: 'แล้วเสร็จ', color: '#111', text: '#fff' },
    { label: 'ยังไม่ได้ดำเนินการ', color: '#ccc', text: '#000' },
  ];
  it('splits each bar by share of its row, writes counts that fit, and outlines an empty row', () => {
    const svg = stackedBarChart([{ label: 'มิติที่ 1', values: [3, 1] }, { label: 'มิติที่ 2', values: [0, 0] }, { label: 'มิติที่ 3', values: [99, 1] }], segments, { digits: 'thai', title: 'สถานะ' });
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="\d+" fill="([^"]+)"/g)].map((m) => ({ y: Number(m[2]), w: Number(m[3]), fill: m[4] }));
    const row = (y: number) => rects.filter((r) => r.y === y && r.fill !== 'none');
    expect(row(15).map((r) => r.fill)).toEqual(['#111', '#ccc']);
    expect(row(15)[0]!.w / row(15)[1]!.w).toBeCloseTo(3, 1);
    expect(row(15)[0]!.w + row(15)[1]!.w).toBeCloseTo(row(79)[0]!.w + row(79)[1]!.w, 0);
    expect(svg).toContain('fill="none" stroke="#c8c8c8"');
    // "๙๙" fits its segment; the 1 % segment is too narrow for its "๑".
    expect(svg).toContain('>๙๙</text>');
    expect(svg.match(/>๑<\/text>/g)).toHaveLength(1);
    expect(svg).toContain('aria-label="สถานะ"');
  });
});

describe('the words of the schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'progress.schema.json'), 'utf8')) as {
    properties: { round: { enum: string[] } };
    $defs: { project: { properties: { status: { enum: string[] } } } };
  };
  it('are exactly the spellings the kind understands', () => {
    expect([...STATUS_WORDS_LIST].sort()).toEqual([...schema.$defs.project.properties.status.enum].sort());
    expect([...ROUND_WORDS_LIST].sort()).toEqual([...schema.properties.round.enum].sort());
    expect(statusOf('ดำเนินการแล้วเสร็จ')).toBe('done');
    expect(statusOf('ยังไม่ได้ดำเนินการ')).toBe('not_started');
    expect(statusOf('ยกเลิก')).toBe('cancelled');
  });
});

interface Model {
  title: string;
  yearText: string;
  roundPeriod: string;
  planTitle: string;
  planPeriod: string;
  authority: { name: string };
  introduction: string;
  summary: { statuses: string[]; rows: SummaryRow[]; total: SummaryRow };
  totalsText: string;
  chartSvg: string;
  dimensions: { label: string; rows: ({ type: 'mission'; group: string; label: string } | ProjectRow)[]; subtotal: { label: string; planned: string; spent: string; percent: string } }[];
  signature: { name?: string; position: string[]; date?: string };
  split: boolean;
  continued: string;
  repeatNames: boolean;
}
interface SummaryRow {
  label: string;
  projects: string;
  counts: string[];
  donePercent: string;
  planned: string;
  spent: string;
  spentPercent: string;
}
interface ProjectRow {
  type: 'project';
  group: string;
  sequence: string;
  name: string;
  planned: string;
  spent: string;
  percent: string;
  status: string;
  overBudget: boolean;
}

async function modelOf(file: string): Promise<Model> {
  const d = await deriveDocument(file);
  expect(d.diagnostics).toEqual([]);
  return d.derived!.model as Model;
}

describe('the yearly fixture (FY 2567)', () => {
  it('sums up each dimension and the total from the plan and the report', async () => {
    const m = await modelOf(YEARLY);
    expect(m.summary.statuses).toEqual(['ดำเนินการแล้วเสร็จ', 'อยู่ระหว่างดำเนินการ', 'ยังไม่ได้ดำเนินการ', 'ยกเลิก']);
    expect(m.summary.rows.map((r) => [r.label, r.projects, ...r.counts, r.donePercent, r.planned, r.spent, r.spentPercent])).toEqual([
      ['มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต', '๓', '๒', '๑', '๐', '๐', '๖๖.๖๗', '๑๗๐,๐๐๐.๕๐', '๙๙,๕๐๐.๒๕', '๕๘.๕๓'],
      ['มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต', '๒', '๐', '๐', '๑', '๑', '๐.๐๐', '-', '-', '-'],
      ['มิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน', '๐', '๐', '๐', '๐', '๐', '-', '-', '-', '-'],
    ]);
    const t = m.summary.total;
    expect([t.label, t.projects, ...t.counts, t.donePercent, t.planned, t.spent, t.spentPercent]).toEqual(['รวมทั้งสิ้น', '๕', '๒', '๑', '๑', '๑', '๔๐.๐๐', '๑๗๐,๐๐๐.๕๐', '๙๙,๕๐๐.๒๕', '๕๘.๕๓']);
    expect(m.totalsText).toBe('งบประมาณตามแผนรวม ๑๗๐,๐๐๐.๕๐ บาท (หนึ่งแสนเจ็ดหมื่นบาทห้าสิบสตางค์) ใช้จ่ายจริงรวม ๙๙,๕๐๐.๒๕ บาท (เก้าหมื่นเก้าพันห้าร้อยบาทยี่สิบห้าสตางค์) คิดเป็นร้อยละ ๕๘.๕๓ ของงบประมาณตามแผน');
  });

  it('lists the projects of the year under their mission with the plan numbers and budgets', async () => {
    const m = await modelOf(YEARLY);
    expect(m.dimensions.map((d) => d.label)).toEqual(['มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต', 'มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต']);
    const first = m.dimensions[0]!.rows;
    expect(first.map((r) => (r.type === 'mission' ? r.label : `${r.sequence} ${r.name}`))).toEqual([
      '๑.๑ การสร้างจิตสำนึกแก่บุคลากร',
      '๑ โครงการอบรมคุณธรรมจริยธรรม',
      '๒ มาตรการส่งเสริมการปฏิบัติตามประมวลจริยธรรม',
      // No. 3 (the honouring project) is planned for 2566 only.
      '๑.๒ การสร้างจิตสำนึกแก่ประชาชน',
      '๔ โครงการส่งเสริมเศรษฐกิจพอเพียง',
    ]);
    const training = first[1] as ProjectRow;
    expect([training.planned, training.spent, training.percent, training.status, training.overBudget]).toEqual(['๒๐,๐๐๐.๐๐', '๒๔,๕๐๐.๐๐', '๑๒๒.๕๐', 'ดำเนินการแล้วเสร็จ', true]);
    const ethics = first[2] as ProjectRow;
    expect([ethics.planned, ethics.spent, ethics.percent]).toEqual(['-', '-', '-']);
    expect(m.dimensions[0]!.subtotal).toEqual({ label: 'รวมมิติที่ ๑ (๓ โครงการ)', planned: '๑๗๐,๐๐๐.๕๐', spent: '๙๙,๕๐๐.๒๕', percent: '๕๘.๕๓' });
    const cancelled = m.dimensions[1]!.rows[1] as ProjectRow;
    expect([cancelled.sequence, cancelled.status]).toEqual(['๕', 'ยกเลิก']);
  });

  it('takes the title block from the round, the plan and its authority', async () => {
    const m = await modelOf(YEARLY);
    expect(m.title).toBe('รายงานผลการดำเนินการป้องกันการทุจริตประจำปี');
    expect(m.yearText).toBe('ประจำปีงบประมาณ พ.ศ. ๒๕๖๗');
    expect(m.roundPeriod).toBe('๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗');
    expect(`${m.planTitle} ${m.planPeriod}`).toBe('แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส พ.ศ. ๒๕๖๖ – ๒๕๖๘');
    expect(m.authority.name).toBe('เทศบาลตำบลตัวอย่าง');
    expect(m.signature).toEqual({ name: 'นายสมชาย ใจดี', position: ['นายกเทศมนตรีตำบลตัวอย่าง'], date: '๒๐ ตุลาคม ๒๕๖๗' });
    // The default introduction quotes the figures.
    expect(m.introduction).toContain('จำนวน ๕ โครงการ ดำเนินการแล้วเสร็จ ๒ โครงการ คิดเป็นร้อยละ ๔๐.๐๐ อยู่ระหว่างดำเนินการ ๑ โครงการ ยังไม่ได้ดำเนินการ ๑ โครงการ ยกเลิก ๑ โครงการ ใช้จ่ายงบประมาณ ๙๙,๕๐๐.๒๕ บาท');
  });

  it('draws the chart of statuses per dimension as vector SVG', async () => {
    const m = await modelOf(YEARLY);
    expect(m.chartSvg).toMatch(/^<svg class="chart stacked-chart"/);
    for (const label of ['มิติที่ ๑', 'มิติที่ ๒', 'มิติที่ ๓', 'รวม', 'ดำเนินการแล้วเสร็จ', 'ยกเลิก']) expect(m.chartSvg).toContain(`>${label}</text>`);
    // Dimension 1: two done, one in progress, so the done segment is two thirds of the bar.
    const widths = [...m.chartSvg.matchAll(/<rect x="[\d.]+" y="15" width="([\d.]+)"/g)].map((x) => Number(x[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]! / widths[1]!).toBeCloseTo(2, 1);
  });
});

describe('continued pages of the detail tables', () => {
  /** The yearly fixture with `options`, in a fresh folder with a copy of its plan. */
  const withOptions = (options: string) => {
    const dir = tempDir('progress-options-');
    writeFileSync(join(dir, 'plan.yaml'), readFileSync(join(DIR, 'plan-2566-2568.yaml'), 'utf8'));
    const file = join(dir, 'report.yaml');
    writeFileSync(file, readFileSync(YEARLY, 'utf8').replace('../plan-2566-2568.yaml', 'plan.yaml').replace('round: ประจำปี\n', `round: ประจำปี\noptions: ${options}\n`));
    return file;
  };

  it('says "(ต่อ)" and repeats names unless the report says otherwise; a mission\'s rows share its group', async () => {
    const m = await modelOf(YEARLY);
    expect([m.split, m.continued, m.repeatNames]).toEqual([true, '(ต่อ)', true]);
    const rows = m.dimensions[0]!.rows;
    expect(rows.map((r) => r.group)).toEqual(['1.1', '1.1', '1.1', '1.2', '1.2']);
    const own = await modelOf(join(DIR, 'valid', 'continued-own-label.yaml'));
    expect([own.split, own.continued, own.repeatNames]).toEqual([true, '(ต่อจากหน้าก่อน)', true]);
  });

  it('takes true for "(ต่อ)", false for no label, and cuts no table with neither label nor names', async () => {
    const plain = await modelOf(withOptions('{ continued_label: true, repeat_names: false }'));
    expect([plain.split, plain.continued, plain.repeatNames]).toEqual([true, '(ต่อ)', false]);
    const names = await modelOf(withOptions('{ continued_label: false }'));
    expect([names.split, names.continued, names.repeatNames]).toEqual([true, '', true]);
    const none = await modelOf(withOptions('{ continued_label: false, repeat_names: false }'));
    expect([none.split, none.continued, none.repeatNames]).toEqual([false, '', false]);
  });
});

describe('the six-month fixture (Arabic digits)', () => {
  it('covers 1 October – 31 March, quotes figures by reference and is signed by the head of the plan authority', async () => {
    const m = await modelOf(SIX_MONTH);
    expect(m.title).toBe('รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน');
    expect(m.yearText).toBe('ประจำปีงบประมาณ พ.ศ. 2567 รอบ 6 เดือน');
    expect(m.roundPeriod).toBe('1 ตุลาคม 2566 – 31 มีนาคม 2567');
    expect(m.introduction).toContain('เทศบาลตำบลตัวอย่าง รายงานความก้าวหน้ารอบ 6 เดือน (1 ตุลาคม 2566 – 31 มีนาคม 2567)');
    expect(m.introduction).toContain('ดำเนินการแล้วเสร็จ 2 จาก 5 โครงการ (ร้อยละ 40.00) ใช้จ่าย 0 บาท (ศูนย์บาทถ้วน)');
    expect(m.signature).toEqual({ name: 'นายสมชาย ใจดี', position: ['นายกเทศมนตรีตำบลตัวอย่าง'], date: undefined });
    expect(JSON.stringify(m)).not.toMatch(/[\u0e50-\u0e59]/);
  });
});

describe('the shared title block, cover and period format (title-cover-formats fixture)', () => {
  const FILE = join(DIR, 'valid', 'title-cover-formats.yaml');
  interface Shared {
    titleBlock: { main: { text: string }; sub: { text: string }[] };
    cover: { title: string[]; lines: string[] };
    dimensions: { rows: { type: string; blocks?: { label?: string; value: unknown }[] }[] }[];
    introduction: string;
  }

  it('takes the title as the authority\'s lines, with placeholders, and the cover\'s own lines', async () => {
    const m = (await modelOf(FILE)) as unknown as Shared;
    expect([m.titleBlock.main.text, ...m.titleBlock.sub.map((l) => l.text)]).toEqual([
      'รายงานการติดตามผลการดำเนินการตามแผนป้องกันการทุจริต รอบ ๖ เดือน',
      'ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)',
      'เทศบาลตำบลตัวอย่าง จังหวัดลำปาง',
    ]);
    expect(m.cover.title).toEqual(['รายงานการติดตามผลการดำเนินการ', 'ตามแผนป้องกันการทุจริต']);
    expect(m.cover.lines).toEqual(['เทศบาลตำบลตัวอย่าง', 'รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๗', 'แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส พ.ศ. ๒๕๖๖ – ๒๕๖๘']);
    expect(m.introduction).toContain('## ความเป็นมา');
    expect(m.introduction).toContain('เมื่อ ๑๕ กันยายน ๒๕๖๕');
  });

  it('prints periods in the authority\'s format, Thai spellings and words included', async () => {
    const m = (await modelOf(FILE)) as unknown as Shared;
    const periods = m.dimensions.flatMap((d) => d.rows).flatMap((r) => r.blocks ?? []).filter((b) => b.label === 'ระยะเวลา').map((b) => b.value);
    expect(periods).toEqual(['มกราคม–มีนาคม ๒๕๖๗', 'ทุกเดือน', 'มกราคม–มีนาคม ๒๕๖๗', 'ตุลาคม ๒๕๖๖–มีนาคม ๒๕๖๗']);
  });

  it('has a default cover of the title, the authority, the year and round, and the plan', async () => {
    // The yearly fixture says only `cover: true`.
    const m = (await modelOf(YEARLY)) as unknown as Shared;
    expect(m.cover.title).toEqual(['รายงานผลการดำเนินการป้องกันการทุจริตประจำปี']);
    expect(m.cover.lines).toEqual(['เทศบาลตำบลตัวอย่าง', 'ประจำปีงบประมาณ พ.ศ. ๒๕๖๗', '(๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)', 'ตามแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส พ.ศ. ๒๕๖๖ – ๒๕๖๘']);
  });
});
