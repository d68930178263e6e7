/**
 * From YAML text to plain data within LIMITS, at a cost that stays small whatever the file
 * holds. Before parsing, the text's lines and values are counted by the `yaml` package's own
 * lexer (the parser needs a gigabyte for ten megabytes of empty lines or a million-entry
 * list). After parsing, one walk turns the nodes into data: anchors and aliases are expanded
 * as officers use them (`responsible: *r` reused 150 times) while the values they add up to
 * are counted, so an alias bomb stops at the alias that crosses the limit; an alias inside
 * the value it names, an alias to no anchor and a key written twice are reported too.
 */
import { CST, isAlias, isMap, isScalar, isSeq, Lexer, type Document, type Node as YamlNode } from 'yaml';
import { bi, type Bilingual } from '../diagnostics.js';
import { count, LIMITS } from './limits.js';

export interface TreeProblem {
  code: string;
  /** Offset in the text where the problem is. */
  offset: number;
  message: Bilingual;
  hint: Bilingual;
}

const SPLIT = bi(
  'เอกสารจริงมีข้อมูลน้อยกว่านี้มาก ตรวจว่าระบุไฟล์ถูกต้อง หรือแบ่งเป็นหลายเอกสาร',
  'real documents are far smaller: check that the right file is named, or split it into several documents',
);

function tooManyValues(offset: number, alias?: string): TreeProblem {
  return {
    code: 'yaml/too-many-values',
    offset,
    message: bi(
      `เอกสารมีข้อมูลเกิน ${count(LIMITS.values)} ค่า ซึ่งเป็นขีดจำกัดต่อเอกสาร (นับชื่อฟิลด์ ค่า และรายการ${alias ? ` รวมค่าที่ *${alias} ทำซ้ำ` : ''})`,
      `the document holds more than ${count(LIMITS.values)} values, the limit for one document (keys, values and list entries${alias ? `, with what *${alias} repeats` : ''})`,
    ),
    hint: alias
      ? bi(`*${alias} ทำซ้ำค่าที่ตั้งชื่อไว้ ซึ่งอาจทำซ้ำค่าอื่นอีกหลายชั้น เขียนค่านั้นตรง ๆ แทน`, `*${alias} repeats a value that may itself repeat others, many levels deep: write the value out instead`)
      : SPLIT,
  };
}

function tooDeep(offset: number): TreeProblem {
  return {
    code: 'yaml/too-deep',
    offset,
    message: bi(`ข้อมูลซ้อนกันเกิน ${LIMITS.depth} ชั้น ซึ่งเป็นขีดจำกัด`, `the data is nested more than ${LIMITS.depth} levels deep, the limit`),
    hint: bi('ตรวจการย่อหน้า และวงเล็บ [ ] { } ที่เปิดแล้วไม่ได้ปิด', 'check the indentation, and brackets [ ] { } opened but not closed'),
  };
}

/** A problem that makes the text too big to parse at all, found without parsing it. */
export function prescan(text: string): TreeProblem | undefined {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (++lines > LIMITS.lines) {
      return {
        code: 'yaml/too-many-lines',
        offset: at,
        message: bi(`ไฟล์ยาวเกิน ${count(LIMITS.lines)} บรรทัด ซึ่งเป็นขีดจำกัดต่อเอกสาร`, `the file is longer than ${count(LIMITS.lines)} lines, the limit for one document`),
        hint: SPLIT,
      };
    }
  }
  // Every scalar, alias, flow collection and indicator (- ? :) counted here is, or comes with,
  // at least half a value of the parsed document: twice the limit in tokens is over the limit.
  let tokens = 0;
  let flowDepth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'scalar' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar' || type === 'alias' || type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') tokens++;
    else if (type === 'flow-seq-start' || type === 'flow-map-start') {
      tokens++;
      if (++flowDepth > LIMITS.depth) return tooDeep(offset);
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') flowDepth--;
    if (tokens > 2 * LIMITS.values) return tooManyValues(offset);
    // The lexer's markers for the parser (document start, scalar, flow end) are not in the text.
    if (token !== CST.DOCUMENT && token !== CST.SCALAR && token !== CST.FLOW_END) offset += token.length;
  }
  return undefined;
}

/** Raised inside the walk when a limit is crossed: nothing after it is worth reading. */
class LimitCrossed extends Error {
  constructor(readonly problem: TreeProblem) {
    super(problem.code);
  }
}

interface Converted {
  value: unknown;
  /** Levels of nesting from this node down (a scalar is 1). */
  height: number;
}

const start = (node: YamlNode | null | undefined): number => node?.range?.[0] ?? 0;

/** A key as JavaScript spells it in an object: `2566` and `"2566"` are the same key. */
function keyName(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The document's data, or the problems that keep it from being read. */
export function toData(doc: Document.Parsed): { data?: unknown; problems: TreeProblem[] } {
  const problems: TreeProblem[] = [];
  const anchors = new Map<string, YamlNode>();
  /** Anchored nodes already converted: an alias to one adds its data and its size. */
  const named = new Map<YamlNode, Converted & { size: number }>();
  /** Anchored nodes being converted: an alias to one of them lies inside what it names. */
  const enclosing = new Set<YamlNode>();
  let values = 0;

  const convert = (node: YamlNode | null, depth: number): Converted => {
    if (depth > LIMITS.depth) throw new LimitCrossed(tooDeep(start(node)));
    if (node === null) {
      if (++values > LIMITS.values) throw new LimitCrossed(tooManyValues(0));
      return { value: null, height: 1 };
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const at = start(node);
      if (target && enclosing.has(target)) {
        problems.push({
          code: 'yaml/alias-circle', offset: at,
          message: bi(`*${node.source} อยู่ภายในค่าที่ &${node.source} ตั้งชื่อไว้เอง จึงซ้ำไม่สิ้นสุด`, `*${node.source} lies inside the value &${node.source} names, so it would repeat forever`),
          hint: bi(`ใช้ *${node.source} นอกค่านั้น หรือเขียนค่าตรง ๆ`, `use *${node.source} outside that value, or write the value out`),
        });
        return { value: null, height: 1 };
      }
      const done = target && named.get(target);
      if (!done) {
        problems.push({
          code: 'yaml/unknown-alias', offset: at,
          message: bi(`ไม่พบ &${node.source} ก่อน *${node.source}`, `*${node.source} refers to no anchor &${node.source} before it`),
          hint: bi(`ตั้งชื่อค่าด้วย &${node.source} ก่อน (เช่น responsible: &${node.source} สำนักปลัด) แล้วจึงใช้ *${node.source} ในบรรทัดถัดไป`, `name a value with &${node.source} first (e.g. responsible: &${node.source} …), then use *${node.source} below it`),
        });
        return { value: null, height: 1 };
      }
      values += done.size;
      if (values > LIMITS.values) throw new LimitCrossed(tooManyValues(at, node.source));
      if (depth + done.height - 1 > LIMITS.depth) throw new LimitCrossed(tooDeep(at));
      return { value: done.value, height: done.height };
    }
    const before = values;
    if (++values > LIMITS.values) throw new LimitCrossed(tooManyValues(start(node)));
    if (node.anchor) {
      anchors.set(node.anchor, node);
      enclosing.add(node);
    }
    let result: Converted;
    if (isMap(node) || isSeq(node)) {
      if (node.items.length > LIMITS.items) {
        throw new LimitCrossed({
          code: 'yaml/too-many-items', offset: start(node),
          message: bi(`มี ${count(node.items.length)} รายการ เกินขีดจำกัด ${count(LIMITS.items)} รายการต่อกลุ่ม`, `${count(node.items.length)} entries, more than the limit of ${count(LIMITS.items)} in one list or mapping`),
          hint: SPLIT,
        });
      }
      result = isMap(node) ? convertMap(node.items, depth) : convertSeq(node.items as (YamlNode | null)[], depth);
    } else {
      result = { value: isScalar(node) ? node.value : null, height: 1 };
    }
    if (node.anchor) {
      enclosing.delete(node);
      named.set(node, { ...result, size: values - before });
    }
    return result;
  };

  const convertSeq = (items: (YamlNode | null)[], depth: number): Converted => {
    const list: unknown[] = [];
    let height = 0;
    for (const item of items) {
      const c = convert(item, depth + 1);
      list.push(c.value);
      height = Math.max(height, c.height);
    }
    return { value: list, height: height + 1 };
  };

  const convertMap = (pairs: { key: unknown; value: unknown }[], depth: number): Converted => {
    const object: Record<string, unknown> = {};
    const seen = new Set<string>();
    let height = 0;
    for (const pair of pairs) {
      const keyNode = (pair.key ?? null) as YamlNode | null;
      const key = convert(keyNode, depth + 1);
      if (key.value !== null && typeof key.value === 'object') {
        problems.push({
          code: 'yaml/complex-key', offset: start(keyNode),
          message: bi('ชื่อฟิลด์ต้องเป็นข้อความ ไม่ใช่รายการหรือกลุ่มฟิลด์', 'a key must be a name, not a list or a mapping'),
          hint: bi('เขียนเป็น ชื่อ: ค่า', 'write it as key: value'),
        });
      }
      const name = keyName(key.value);
      if (seen.has(name)) {
        problems.push({
          code: 'yaml/duplicate_key', offset: start(keyNode),
          message: bi('ชื่อฟิลด์ซ้ำกันในระดับเดียวกัน', 'the same key appears twice at this level'),
          hint: bi('ลบหรือเปลี่ยนชื่อฟิลด์ที่ซ้ำ ค่าหลังจะไม่ทับค่าแรก', 'remove or rename one of them'),
        });
      }
      seen.add(name);
      const value = convert((pair.value ?? null) as YamlNode | null, depth + 1);
      // `__proto__: x` is a key like any other, never the object's prototype.
      Object.defineProperty(object, name, { value: value.value, enumerable: true, writable: true, configurable: true });
      height = Math.max(height, key.height, value.height);
    }
    return { value: object, height: height + 1 };
  };

  try {
    const { value } = convert((doc.contents ?? null) as YamlNode | null, 1);
    return problems.length > 0 ? { problems } : { data: value, problems };
  } catch (err) {
    if (!(err instanceof LimitCrossed)) throw err;
    return { problems: [...problems, err.problem] };
  }
}
