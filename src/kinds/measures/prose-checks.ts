/**
 * What is checked in the free text of a measures document: a score typed by hand
 * instead of its placeholder (seed 003 quoted 86.47 for an indicator whose table said
 * 88.28), and another authority's name (seed 003 named one in its limitations).
 */
import { bi } from '../../diagnostics.js';
import { blankPlaceholders } from '../../derive/placeholders.js';
import { LOCAL_AUTHORITY_TYPES, toArabicDigits } from '../../thai/index.js';
import type { KindContext } from '../kind.js';
import type { MeasuresInput, Path, Prose } from './input.js';

interface ProseField {
  path: Path;
  text: string;
}

function proseFields(input: MeasuresInput): ProseField[] {
  const out: ProseField[] = [];
  const add = (value: Prose | undefined, path: Path) => {
    if (typeof value === 'string') out.push({ path, text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => out.push({ path: [...path, i], text: v }));
  };
  add(input.analysis.introduction, ['analysis', 'introduction']);
  input.analysis.issues.forEach((issue, i) => {
    issue.groups.forEach((g, k) => add(g.action, ['analysis', 'issues', i, 'groups', k, 'action']));
    add(issue.analysis, ['analysis', 'issues', i, 'analysis']);
  });
  add(input.measures.introduction, ['measures', 'introduction']);
  add(input.measures.monitoring, ['measures', 'monitoring']);
  input.measures.topics.forEach((topic, t) =>
    topic.measures.forEach((m, i) => {
      const at = ['measures', 'topics', t, 'measures', i];
      add(m.practice, [...at, 'practice']);
      add(m.steps, [...at, 'steps']);
      add(m.monitoring, [...at, 'monitoring']);
    }),
  );
  for (const part of ['limitations', 'suggestions'] as const) {
    add(input[part].introduction, [part, 'introduction']);
    add(input[part].items, [part, 'items']);
  }
  return out;
}

function reportAt(ctx: KindContext, severity: 'error' | 'warning', code: string, path: Path, needle: string, message: ReturnType<typeof bi>, hint: ReturnType<typeof bi>) {
  ctx.report({ severity, code, file: ctx.doc.file, path, ...ctx.doc.locateText(path, needle), message, hint });
}

/** A score-like number (two decimals) typed in prose; not a time ("10.30 น.") nor part of a dotted date. */
const FIGURE = /(?<![0-9๐-๙.,])([0-9๐-๙]{1,3})\.([0-9๐-๙]{2})(?![0-9๐-๙]|\.[0-9๐-๙]|\s*น\.)/g;

/** Local-authority name prefixes: the name that follows must be this authority's. */
const AUTHORITY_PREFIXES = LOCAL_AUTHORITY_TYPES.filter((t) => t.placeNamed).map((t) => t.prefix);
/** Words that make a prefix generic ("องค์การบริหารส่วนตำบลอื่น", "เทศบาลเมืองและ…"). */
const GENERIC_AFTER = ['หรือ', 'และ', 'อื่น', 'ทั่ว', 'ต่าง', 'ทุก', 'ใน', 'ที่', 'ซึ่ง', 'จะ', 'มี', 'ได้', 'เป็น', 'ก็', 'นั้น', 'นี้', 'แห่ง', 'ของ', 'กับ', 'ให้'];

export function checkProse(input: MeasuresInput, ctx: KindContext, figures: Map<number, string[]>): void {
  const own = [input.authority.name, input.authority.short_name].filter((n): n is string => Boolean(n));
  for (const field of proseFields(input)) {
    const text = blankPlaceholders(field.text);
    for (const m of text.matchAll(FIGURE)) {
      const literal = m[0];
      const value = Number(toArabicDigits(m[1]!)) * 100 + Number(toArabicDigits(m[2]!));
      if (value > 10000) continue;
      const names = figures.get(value);
      if (names && names.length > 0) {
        const shown = names.slice(0, 3).map((n) => `{{${n}}}`).join(', ');
        reportAt(ctx, 'warning', 'prose/typed-figure', field.path, literal,
          bi(`ข้อความพิมพ์คะแนน ${literal} เอง ซึ่งเป็นค่าที่มีในข้อมูล`, `the text types the score ${literal}, which is a figure of the data`),
          bi(`ใช้ ${shown} แทน เพื่อให้ข้อความตรงกับตารางเสมอ`, `write ${shown} instead, so the text always matches the tables`));
      } else {
        reportAt(ctx, 'warning', 'prose/unknown-figure', field.path, literal,
          bi(`ข้อความอ้างคะแนน ${literal} ซึ่งไม่ตรงกับคะแนนใดในข้อมูล`, `the text quotes ${literal}, which matches no score in the data`),
          bi('ตรวจตัวเลขกับตาราง แล้วอ้างด้วย {{indicator.N.score}}, {{score}}, {{iit}} หรือ {{question.e1.score}}', 'check it against the tables and refer to it with {{indicator.N.score}}, {{score}}, {{iit}} or {{question.e1.score}}'));
      }
    }
    for (const prefix of AUTHORITY_PREFIXES) {
      for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
        const rest = text.slice(at);
        if (own.some((n) => rest.startsWith(n))) continue;
        const after = rest.slice(prefix.length);
        if (!/^[ก-ฮ]/.test(after) || GENERIC_AFTER.some((w) => after.startsWith(w))) continue;
        const shown = rest.slice(0, prefix.length + 12);
        reportAt(ctx, 'warning', 'prose/other-authority', field.path, shown,
          bi(`ข้อความเอ่ยชื่อหน่วยงานอื่น "${shown}…" ไม่ใช่ ${input.authority.name}`, `the text names another authority "${shown}…", not ${input.authority.name}`),
          bi('ใช้ {{authority}} สำหรับชื่อหน่วยงานนี้ (ถ้าตั้งใจอ้างหน่วยงานอื่น ไม่ต้องแก้)', 'write {{authority}} for this authority (leave it if another body is meant)'));
      }
    }
  }
}

