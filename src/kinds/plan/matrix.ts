/**
 * Part 2 of the plan: the budget matrix, one table row per line. Dimensions, missions and
 * sub-missions are rows spanning the table, so the project name gets the width; each
 * dimension ends with its subtotal, the table with the grand total.
 */
import { estimateWidthEm } from '../../render/charts.js';
import { outlineNumber, type PlacedProject, type PlanInput } from './input.js';

export type MatrixRow =
  | { type: 'dimension'; id: string; label: string; keep?: boolean }
  | { type: 'mission' | 'sub'; label: string; keep?: boolean }
  | { type: 'project'; label: string; anchor: string; amounts: string[]; remarks: string }
  | { type: 'subtotal' | 'grand'; label: string; amounts: string[] };

export interface MatrixFigures {
  placed: readonly PlacedProject[];
  /** Satang per year of each placed project. */
  budgets: readonly ReadonlyMap<number, number>[];
  years: readonly number[];
  /** Satang per dimension and year, and the count of projects per dimension. */
  dimTotals: readonly number[][];
  dimCounts: readonly number[];
  grand: readonly number[];
}

/** The rows of the matrix, in the document's digits (`num`) and money format (`money`). */
export function matrixRows(input: PlanInput, f: MatrixFigures, num: (n: number | string) => string, money: (satang: number) => string): MatrixRow[] {
  const cells = (amounts: readonly (number | undefined)[]) => amounts.map((a) => (a === undefined || a === 0 ? '-' : money(a)));
  const rows: MatrixRow[] = [];
  let seq = 0;
  const projectRow = (): MatrixRow => {
    const { input: p, number } = f.placed[seq]!;
    const budget = f.budgets[seq]!;
    seq += 1;
    return { type: 'project', label: `${num(number)}) ${p.name}`, anchor: `project-${seq}`, amounts: cells(f.years.map((y) => budget.get(y))), remarks: p.remarks ?? '' };
  };
  input.dimensions.forEach((dim, d) => {
    const dn = d + 1;
    rows.push({ type: 'dimension', id: `dimension-${dn}`, label: `มิติที่ ${num(dn)} ${dim.name}` });
    dim.missions.forEach((mission, m) => {
      rows.push({ type: 'mission', label: `${num(outlineNumber(d, m))} ${mission.name}` });
      (mission.projects ?? []).forEach(() => rows.push(projectRow()));
      (mission.sub_missions ?? []).forEach((sub, s) => {
        rows.push({ type: 'sub', label: `${num(outlineNumber(d, m, s))} ${sub.name}` });
        (sub.projects ?? []).forEach(() => rows.push(projectRow()));
      });
    });
    rows.push({ type: 'subtotal', label: `รวมมิติที่ ${num(dn)} (จำนวน ${num(f.dimCounts[d]!)} โครงการ)`, amounts: cells(f.dimTotals[d]!) });
  });
  rows.push({ type: 'grand', label: `รวมทั้งสิ้น (จำนวน ${num(f.placed.length)} โครงการ)`, amounts: cells(f.grand) });
  keepHeadingsWithContent(rows);
  return rows;
}

/**
 * A heading row (dimension, mission, sub-mission) stays on the page of the row that
 * opens its content; one with no content of its own (a sub-mission without projects)
 * does not drag the next heading with it: only what must stay together is kept.
 */
function keepHeadingsWithContent(rows: MatrixRow[]): void {
  const depth: Record<MatrixRow['type'], number> = { dimension: 0, mission: 1, sub: 2, project: 3, subtotal: 0, grand: 0 };
  rows.forEach((row, i) => {
    const next = rows[i + 1];
    if ((row.type === 'dimension' || row.type === 'mission' || row.type === 'sub') && next) row.keep = depth[next.type] > depth[row.type];
  });
}

/** The longest figure of the matrix (the grand total, usually). */
function widestAmount(rows: readonly MatrixRow[]): string {
  const amounts = rows.flatMap((r) => ('amounts' in r ? r.amounts : []));
  return amounts.reduce((a, b) => (estimateWidthEm(b) > estimateWidthEm(a) ? b : a), '');
}

/** Landscape text width, the remarks column and a figure cell's padding (templates/plan/style.css), in cm. */
const MATRIX = { text: 24.7, remarks: 2.0, padding: 0.2 };
/** The share of the matrix's width the names get at least. */
const NAME_SHARE = 0.4;

/**
 * The names get 40 % of the matrix's width at least (narrow names made tall rows and
 * pages that ended a quarter empty: the example's Part 2 took 16 pages, now 11); the
 * year columns share the rest, at most 3.1 cm each, their figures in the largest size up
 * to 12 pt at which the widest one fits. A year column holds "๕,๘๒๕,๐๐๐.๐๐" (Thai digits
 * are wide: 3.1 cm at 12 pt); plans with many years shrink the figures rather than overflow
 * the page.
 */
export function yearColumnStyle(count: number, rows: readonly MatrixRow[]): { width: string; fontSize: string } {
  const width = Math.min(3.1, (MATRIX.text * (1 - NAME_SHARE) - MATRIX.remarks) / count);
  const cmPerPt = 2.54 / 72;
  const fit = (width - MATRIX.padding) / (estimateWidthEm(widestAmount(rows)) * cmPerPt);
  return { width: `${width.toFixed(2)}cm`, fontSize: `${Math.max(8, Math.min(12, fit)).toFixed(1)}pt` };
}
