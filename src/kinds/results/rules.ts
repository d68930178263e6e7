/**
 * The rules of a results report beyond its schema: a layout that shows every field
 * once, groups that exist and are named right, rows the assessor can read, periods and
 * dates inside the fiscal year, and (link.ts) agreement with the measures document.
 */
import { bi, type YamlPath } from '../../diagnostics.js';
import { checkPeriod } from '../../validate/period.js';
import { checkProseDates, textsIn } from '../../validate/prose-dates.js';
import { nearest } from '../../validate/suggest.js';
import { responsibleUnits } from '../../derive/responsible.js';
import type { KindContext } from '../kind.js';
import { collapse, EXPECTED_FIELDS, FIELD_INFO, fieldsOf, sourceKey, type FieldName, type ItemInput, type ResultsInput } from './input.js';
import { groupKeyOf, knownIndicatorNames, resolveLayout, standardIndicatorName, type ResolvedLayout } from './layout.js';
import { checkMeasuresLink } from './link.js';

export async function rules(input: ResultsInput, ctx: KindContext): Promise<void> {
  const layout = resolveLayout(input);
  if (layout.explicit) checkLayout(input, layout, ctx);
  checkGroups(input, layout, ctx);
  checkIndicatorNames(input, ctx);
  checkItems(input, layout, ctx);
  checkProseDates(ctx, proseTexts(input), input.fiscal_year);
  await checkMeasuresLink(input, ctx);
}

function checkLayout(input: ResultsInput, layout: ResolvedLayout, ctx: KindContext): void {
  const colPath = (i: number, key?: string): YamlPath => ['layout', 'columns', i, ...(key ? [key] : [])];
  const seen = new Map<FieldName, number>();
  layout.columns.forEach((c, i) => {
    for (const f of fieldsOf(c)) {
      const first = seen.get(f);
      if (first !== undefined) {
        ctx.problem('error', 'results/duplicate-field', colPath(i, 'field'), bi(`ข้อมูล ${f} อยู่ในคอลัมน์ที่ ${first + 1} แล้ว`, `field ${f} is already shown in column ${first + 1}`), bi('ให้ข้อมูลหนึ่งชนิดอยู่ในคอลัมน์เดียว', 'show each field in one column only'));
      } else seen.set(f, i);
    }
    if (c.numbered !== undefined && !fieldsOf(c).includes('measure')) {
      ctx.problem('error', 'results/numbered-field', colPath(i, 'numbered'), bi('numbered ใช้ได้กับคอลัมน์ของ measure เท่านั้น', 'numbered applies to the measure column only'), bi('ลบ numbered หรือใช้คอลัมน์ field: number สำหรับลำดับที่', 'remove numbered, or add a column with field: number'), { key: true });
    }
    if (c.list !== undefined && !fieldsOf(c).some((f) => FIELD_INFO[f].list)) {
      ctx.problem('error', 'results/list-field', colPath(i, 'list'), bi(`คอลัมน์นี้ไม่มีข้อมูลที่เป็นรายการ (${fieldsOf(c).join(', ')})`, `this column shows no list field (${fieldsOf(c).join(', ')})`), bi('list ใช้กับ steps, outputs, outcomes, problems, suggestions, remarks', 'list applies to steps, outputs, outcomes, problems, suggestions, remarks'), { key: true });
    }
  });
  const given = layout.columns.reduce((a, c) => a + (c.width ?? 0), 0);
  const free = layout.columns.filter((c) => c.width === undefined).length;
  if (given > 100 || (free > 0 && given > 100 - 3 * free)) {
    ctx.problem('error', 'results/widths', ['layout', 'columns'], bi(`ความกว้างที่กำหนดรวมกันได้ร้อยละ ${given} ไม่เหลือที่ให้คอลัมน์อื่น`, `the given widths add up to ${given} %, leaving no room for the other columns`), bi('ลดความกว้าง (width) ให้รวมกันไม่เกิน 100 หรือไม่ระบุ width เพื่อให้เครื่องมือแบ่งให้', 'lower the widths so they add up to at most 100, or leave width out'));
  }
  // Options about groups do nothing in a table without groups: say so rather than ignore them.
  if (layout.groupBy === 'none') {
    for (const key of ['group_title', 'header_per_group'] as const) {
      if (input.layout?.[key] !== undefined) ctx.problem('warning', 'results/layout-unused', ['layout', key], bi(`${key} ใช้กับตารางที่จัดกลุ่มแถว แต่ group_by เป็น none`, `${key} applies to grouped rows, but group_by is none`), bi('กำหนด group_by (indicator, issue หรือ group) หรือลบบรรทัดนี้', 'set group_by (indicator, issue or group), or remove this line'), { key: true });
    }
  }
  // Data that no column shows would vanish silently from the PDF.
  const shown = new Set<keyof ItemInput>(layout.columns.flatMap(fieldsOf).map(sourceKey).filter((k): k is keyof ItemInput => k !== undefined));
  if (layout.groupBy !== 'none') shown.add(layout.groupBy);
  // An indicator named beside a group of another kind is there for the checks.
  if (layout.groupBy === 'issue' || layout.groupBy === 'group') shown.add('indicator');
  const hidden = new Map<string, number[]>();
  input.items.forEach((item, i) => {
    for (const key of Object.keys(item) as (keyof ItemInput)[]) {
      if (key === 'measure_id' || shown.has(key)) continue;
      hidden.set(key, [...(hidden.get(key) ?? []), i]);
    }
  });
  for (const [key, rows] of hidden) {
    ctx.problem('warning', 'results/field-not-shown', ['items', rows[0]!, key], bi(`ข้อมูล ${key} (${rows.length} แถว) ไม่ได้อยู่ในคอลัมน์ใดของ layout จึงจะไม่พิมพ์`, `${key} (${rows.length} row(s)) is in no layout column, so it will not be printed`), bi(`เพิ่มคอลัมน์ { field: ${key} } หรือซ้อนในคอลัมน์อื่น เช่น field: [outputs, ${key}]`, `add a column { field: ${key} } or stack it, e.g. field: [outputs, ${key}]`), { key: true });
  }
}

/** `groups:` names each group once, by the field the rows are grouped by, and every row's group is there. */
function checkGroups(input: ResultsInput, layout: ResolvedLayout, ctx: KindContext): void {
  const by = layout.groupBy;
  input.items.forEach((item, i) => {
    if (by !== 'none' && groupKeyOf(item, by) === undefined) {
      ctx.problem('error', 'results/group-missing', ['items', i], bi(`ตารางจัดกลุ่มตาม ${by} แต่แถวนี้ไม่มี ${by}`, `rows are grouped by ${by}, but this row has no ${by}`), bi(`เพิ่ม ${by}: ... ในแถวนี้`, `add "${by}: ..." to this row`));
    }
  });
  if (input.groups === undefined) return;
  if (by === 'none') {
    ctx.problem('error', 'results/groups-unused', ['groups'], bi('มี groups: แต่ตารางไม่ได้จัดกลุ่มแถว (layout.group_by เป็น none)', 'groups: is given but the rows are not grouped (layout.group_by is none)'), bi('กำหนด layout.group_by เป็น indicator, issue หรือ group', 'set layout.group_by to indicator, issue or group'), { key: true });
    return;
  }
  const defined = new Map<string, number>();
  input.groups.forEach((def, d) => {
    const key = groupKeyOf(def, by);
    if (key === undefined) {
      ctx.problem('error', 'results/group-key', ['groups', d], bi(`กลุ่มนี้ไม่ได้ระบุ ${by} ซึ่งเป็นสิ่งที่ใช้จัดกลุ่มแถว`, `this group has no ${by}, which the rows are grouped by`), bi(`เพิ่ม ${by}: ... ให้ตรงกับแถวของกลุ่มนี้`, `add "${by}: ..." matching the rows of this group`));
      return;
    }
    const first = defined.get(key);
    if (first !== undefined) {
      const line = ctx.doc.locate(['groups', first]).line;
      ctx.problem('error', 'results/group-duplicate', ['groups', d, by], bi(`กลุ่ม ${key} ซ้ำกับบรรทัด ${line}`, `group ${key} is listed again (first on line ${line})`), bi('ระบุแต่ละกลุ่มครั้งเดียว', 'list each group once'));
      return;
    }
    defined.set(key, d);
    if (!input.items.some((item) => groupKeyOf(item, by) === key)) {
      ctx.problem('warning', 'results/group-empty', ['groups', d, by], bi(`กลุ่ม ${key} ไม่มีแถวใดอยู่ในกลุ่ม จึงจะไม่พิมพ์`, `group ${key} has no rows and will not be printed`), bi(`ตรวจว่า ${by} ของแถวในกลุ่มนี้พิมพ์ตรงกันหรือไม่`, `check that the rows' ${by} is spelt the same`));
    }
  });
  const keys = [...defined.keys()];
  input.items.forEach((item, i) => {
    const key = groupKeyOf(item, by);
    if (key === undefined || defined.has(key)) return;
    const guess = nearest(key, keys);
    ctx.problem('error', 'results/group-undefined', ['items', i, by], bi(`แถวนี้อยู่ในกลุ่ม ${key} ซึ่งไม่มีใน groups:`, `this row is in group ${key}, which groups: does not list`), guess ? bi(`หมายถึง "${guess}" หรือไม่?`, `did you mean "${guess}"?`) : bi(`เพิ่ม - { ${by}: ${key} } ใน groups: หรือแก้ ${by} ของแถวนี้`, `add "- { ${by}: ${key} }" to groups:, or correct this row's ${by}`));
  });
}

/**
 * `indicator_names` is for the years whose wording drifted ("การปรับปรุงระบบการทำงาน"):
 * a name that belongs to another indicator is an error (it would print under a wrong
 * number), and one the ITA never used is a warning pointing to `groups:` labels.
 */
function checkIndicatorNames(input: ResultsInput, ctx: KindContext): void {
  const namesOf = (m: number) => knownIndicatorNames(m).map(collapse);
  const numbers = Array.from({ length: 10 }, (_, i) => i + 1);
  for (const [no, name] of Object.entries(input.indicator_names ?? {})) {
    const n = Number(no);
    const given = collapse(name);
    const own = namesOf(n);
    if (own.includes(given)) continue;
    const others = numbers.filter((m) => m !== n);
    const exactOther = others.find((m) => namesOf(m).includes(given));
    // A spelling close to the indicator's own name is a variant of it, unless it is exactly another's.
    if (exactOther === undefined && nearest(given, own) !== undefined) continue;
    const other = exactOther ?? others.find((m) => nearest(given, namesOf(m)) !== undefined);
    const at: YamlPath = ['indicator_names', no];
    const standard = standardIndicatorName(n, input.fiscal_year) ?? knownIndicatorNames(n)[0] ?? '';
    if (other !== undefined) {
      ctx.problem('error', 'results/indicator-name', at, bi(`"${name}" เป็นชื่อของตัวชี้วัดที่ ${other} ไม่ใช่ตัวชี้วัดที่ ${n} (${standard})`, `"${name}" is the name of indicator ${other}, not of indicator ${n} (${standard})`), bi(`ตรวจเลขตัวชี้วัด: เขียน "${other}": ${name} หรือลบบรรทัดนี้`, `check the number: write "${other}": ${name}, or remove this line`));
    } else {
      ctx.problem('warning', 'results/indicator-name', at, bi(`"${name}" ไม่ใช่ชื่อของตัวชี้วัดที่ ${n} ในการประเมิน ITA (${knownIndicatorNames(n).join(' / ')})`, `"${name}" is not a name the ITA gives indicator ${n} (${knownIndicatorNames(n).join(' / ')})`), bi(`indicator_names ใช้เมื่อชื่อตัวชี้วัดเปลี่ยนตามปี ถ้าต้องการพิมพ์ชื่อกลุ่มของหน่วยงานเอง ใช้ groups: [{ indicator: ${n}, label: ${name} }]`, `indicator_names is for the ITA's wording of other years; for a label of your own write groups: [{ indicator: ${n}, label: ${name} }]`));
    }
  }
}

function checkItems(input: ResultsInput, layout: ResolvedLayout, ctx: KindContext): void {
  const fy = input.fiscal_year;
  const shownFields = new Set(layout.columns.flatMap(fieldsOf));
  const titles = new Map<string, number>();
  const issues = new Map<string, number>();

  input.items.forEach((item, i) => {
    const at = (...rest: (string | number)[]): YamlPath => ['items', i, ...rest];

    // "(ไม่ใช้งบประมาณ)" typed into the title is the budget field written by hand (seed 001 misspelt it).
    if (/ไม่ใช[้่]\s*งบประมาณ/.test(item.measure)) {
      ctx.problem('warning', 'results/budget-in-title', at('measure'), bi('ชื่อมาตรการมีข้อความ "ไม่ใช้งบประมาณ" ซึ่งควรเป็นข้อมูลงบประมาณ', 'the measure title contains "ไม่ใช้งบประมาณ", which belongs in the budget field'), bi('ลบข้อความนั้นออกจากชื่อ แล้วเขียน budget: none (ถ้าต้องการพิมพ์ใต้ชื่อ ใช้ field: [measure, budget])', 'remove it from the title and write budget: none (stack it under the title with field: [measure, budget])'));
    }

    const key = item.measure_id ?? collapse(item.measure);
    const first = titles.get(key);
    if (first !== undefined) {
      const line = ctx.doc.locate(['items', first, 'measure']).line;
      ctx.problem('warning', 'results/duplicate-measure', at(item.measure_id ? 'measure_id' : 'measure'), bi(`มาตรการซ้ำกับแถวที่บรรทัด ${line}`, `the measure repeats the one on line ${line}`), bi('ตรวจว่าคัดลอกมาโดยไม่ได้แก้ชื่อหรือไม่', 'check whether it was copied without changing the title'));
    } else titles.set(key, i);

    // Two spellings of one issue (or group) would print as two groups. Groups listed in groups: are checked there.
    for (const field of ['issue', 'group'] as const) {
      const value = item[field];
      if (value === undefined || (input.groups !== undefined && layout.groupBy === field)) continue;
      const name = collapse(value);
      const seenKey = `${field}:${name}`;
      if (issues.has(seenKey)) continue;
      const similar = nearest(name, [...issues.keys()].filter((k) => k.startsWith(`${field}:`)).map((k) => k.slice(field.length + 1)));
      if (similar !== undefined && similar !== name) {
        const line = ctx.doc.locate(['items', issues.get(`${field}:${similar}`)!, field]).line;
        ctx.problem('warning', `results/similar-${field}`, at(field), bi(`"${name}" คล้ายกับ "${similar}" (บรรทัด ${line}) จึงจะเป็นคนละกลุ่ม`, `"${name}" is close to "${similar}" (line ${line}) and will form a separate group`), bi('ถ้าเป็นกลุ่มเดียวกัน พิมพ์ชื่อให้ตรงกัน', 'if they are the same, spell them the same'));
      }
      issues.set(seenKey, i);
    }

    if (item.period !== undefined) checkPeriod(ctx, at('period'), item.period, fy, 'results/period-order');

    for (const [k, link] of (item.links ?? []).entries()) {
      if (/[\u0e50-\u0e59]/.test(link.url)) {
        ctx.problem('warning', 'results/url-thai-digits', at('links', k, 'url'), bi('ที่อยู่เว็บมีเลขไทย ซึ่งมักเกิดจากการแปลงตัวเลขทั้งเอกสารใน Word ลิงก์จะเปิดไม่ได้', 'the URL contains Thai digits, usually left by converting a whole Word document; the link will not open'), bi('เปลี่ยนเลขไทยในที่อยู่เว็บเป็นเลขอารบิก (เครื่องมือไม่แปลงตัวเลขใน URL)', 'write the digits of the URL in Arabic digits (the tool never converts digits in URLs)'));
      }
    }

    const empty = EXPECTED_FIELDS.filter((f) => shownFields.has(f) && (f === 'responsible_main' ? responsibleUnits(item.responsible).main.length === 0 : item[f as keyof ItemInput] === undefined));
    if (empty.length > 0) {
      const keys = [...new Set(empty.map((f) => sourceKey(f)!))];
      ctx.problem('warning', 'results/empty-cell', at('measure'), bi(`แถวนี้ไม่มีข้อมูล ${empty.map((f) => `${f} (${FIELD_INFO[f].title})`).join(', ')} ช่องนั้นจะพิมพ์เป็น -`, `this row has no ${empty.join(', ')}; those cells will print "-"`), bi(`เพิ่ม ${keys.map((k) => `${k}:`).join(' ')} ในแถวนี้`, `add ${keys.map((k) => `"${k}: ..."`).join(', ')} to this row`));
    }
  });
}

const PROSE_FIELDS = ['steps', 'outputs', 'outcomes', 'problems', 'suggestions', 'remarks'] as const;

/** Every free text of the report with its YAML path: where `{{date …}}` may be written. */
export function proseTexts(input: ResultsInput): { text: string; path: YamlPath }[] {
  const out = [...textsIn(input.introduction, ['introduction']), ...textsIn(input.conclusion, ['conclusion'])];
  input.items.forEach((item, i) => {
    // A period's words ({ text }) are free text too; its other forms hold no placeholders.
    for (const field of [...PROSE_FIELDS, 'period'] as const) out.push(...textsIn(item[field], ['items', i, field]));
  });
  return out;
}
