/**
 * A results report that names its measures document (`measures_document:`) must report
 * on every measure there, and on nothing else: each missing or unknown measure is said
 * at its line, with the nearest title.
 */
import { bi, type YamlPath } from '../../diagnostics.js';
import { nearest } from '../../validate/suggest.js';
import { measureList } from '../measures/input.js';
import type { KindContext } from '../kind.js';
import { collapse, type ResultsInput } from './input.js';

export async function checkMeasuresLink(input: ResultsInput, ctx: KindContext): Promise<void> {
  if (input.measures_document === undefined) return;
  const at: YamlPath = ['measures_document'];
  const err = (code: string, message: ReturnType<typeof bi>, hint?: ReturnType<typeof bi>) => ctx.problem('error', code, at, message, hint);
  const linked = await ctx.linked(input.measures_document, at, 'measures');
  if (!linked) return;
  const measures = linked.data as { authority?: { name?: string }; fiscal_year?: number };
  if (measures.authority?.name !== undefined && collapse(measures.authority.name) !== collapse(input.authority.name)) {
    err('results/link-authority', bi(`เอกสารมาตรการเป็นของ ${measures.authority.name} ไม่ใช่ ${input.authority.name}`, `the measures document belongs to ${measures.authority.name}, not ${input.authority.name}`), bi('ระบุเอกสารมาตรการของหน่วยงานเดียวกัน', 'name the measures document of the same authority'));
  }
  if (measures.fiscal_year !== undefined && measures.fiscal_year !== input.fiscal_year) {
    err('results/link-year', bi(`เอกสารมาตรการเป็นของปีงบประมาณ ${measures.fiscal_year} แต่รายงานนี้เป็นปี ${input.fiscal_year}`, `the measures document is for fiscal year ${measures.fiscal_year}, this report for ${input.fiscal_year}`), bi('ระบุเอกสารมาตรการของปีงบประมาณเดียวกัน', 'name the measures document of the same fiscal year'));
  }

  const list = measureList(linked.data as Parameters<typeof measureList>[0]);
  const byKey = new Map(list.map((m) => [m.key, m]));
  const byTitle = new Map(list.map((m) => [collapse(m.title), m]));
  const matched = new Set<string>();
  input.items.forEach((item, i) => {
    const found = item.measure_id !== undefined ? byKey.get(item.measure_id) : (byKey.get(collapse(item.measure)) ?? byTitle.get(collapse(item.measure)));
    if (found) {
      matched.add(found.key);
      return;
    }
    const byId = item.measure_id !== undefined;
    const guess = byId ? nearest(item.measure_id!, [...byKey.keys()]) : nearest(collapse(item.measure), [...byTitle.keys()]);
    const what = byId ? `รหัส ${item.measure_id}` : `"${collapse(item.measure)}"`;
    ctx.problem(
      'error',
      'results/unknown-measure',
      ['items', i, byId ? 'measure_id' : 'measure'],
      bi(`ไม่มีมาตรการ ${what} ใน ${input.measures_document}`, `no measure ${byId ? `with id ${item.measure_id}` : `"${collapse(item.measure)}"`} in ${input.measures_document}`),
      guess
        ? bi(`หมายถึง "${guess}" หรือไม่?`, `did you mean "${guess}"?`)
        : bi(`ใช้ชื่อให้ตรงกับเอกสารมาตรการ หรือระบุ measure_id (${[...byKey.keys()].slice(0, 6).join(', ')}${byKey.size > 6 ? ', …' : ''})`, `use the title of the measures document, or measure_id (${[...byKey.keys()].slice(0, 6).join(', ')}${byKey.size > 6 ? ', …' : ''})`),
    );
  });
  for (const m of list) {
    if (matched.has(m.key)) continue;
    const line = linked.doc.locate(m.path).line;
    ctx.problem('error', 'results/missing-result', at, bi(`มาตรการ "${m.title}" (บรรทัด ${line} ของ ${input.measures_document}) ยังไม่มีผลการดำเนินการในรายงานนี้`, `measure "${m.title}" (line ${line} of ${input.measures_document}) has no result in this report`), bi(`เพิ่มแถวใน items: - measure: ${m.title}${m.key !== collapse(m.title) ? ` (หรือ measure_id: ${m.key})` : ''}`, `add an item "- measure: ${m.title}"${m.key !== collapse(m.title) ? ` (or measure_id: ${m.key})` : ''}`));
  }
}
