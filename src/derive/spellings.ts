/**
 * Thai spellings of the values officers choose from a list (`period: ตลอดปี` for
 * `whole_year`). The schemas list every spelling in their `enum` (so editors accept and
 * complete them); the kinds turn a spelling into its value with `canonical` before
 * using it. test/unit/spellings.test.ts checks that the two agree.
 */

/** Each value with the Thai spellings that mean it. */
export const SPELLINGS = {
  period: {
    whole_year: ['ตลอดปี', 'ทั้งปี'],
    first_half: ['ครึ่งปีแรก', '6 เดือนแรก', '๖ เดือนแรก'],
    second_half: ['ครึ่งปีหลัง', '6 เดือนหลัง', '๖ เดือนหลัง'],
    q1: ['ไตรมาส 1', 'ไตรมาส ๑', 'ไตรมาสที่ 1', 'ไตรมาสที่ ๑'],
    q2: ['ไตรมาส 2', 'ไตรมาส ๒', 'ไตรมาสที่ 2', 'ไตรมาสที่ ๒'],
    q3: ['ไตรมาส 3', 'ไตรมาส ๓', 'ไตรมาสที่ 3', 'ไตรมาสที่ ๓'],
    q4: ['ไตรมาส 4', 'ไตรมาส ๔', 'ไตรมาสที่ 4', 'ไตรมาสที่ ๔'],
  },
  /** Of a measure's results and of a plan's project (results, progress). */
  status: {
    done: ['ดำเนินการแล้วเสร็จ', 'ดำเนินการแล้ว', 'แล้วเสร็จ'],
    in_progress: ['อยู่ระหว่างดำเนินการ', 'กำลังดำเนินการ'],
    not_started: ['ยังไม่ได้ดำเนินการ', 'ยังไม่ดำเนินการ'],
    cancelled: ['ยกเลิก'],
  },
  /** Of a progress report. */
  round: {
    half_year: ['รอบ 6 เดือน', 'รอบ ๖ เดือน', '6 เดือน', '๖ เดือน'],
    full_year: ['รอบ 12 เดือน', 'รอบ ๑๒ เดือน', '12 เดือน', '๑๒ เดือน', 'ประจำปี'],
  },
  list: {
    numbered: ['ลำดับเลข'],
    bulleted: ['ขีด'],
  },
  align: {
    left: ['ชิดซ้าย'],
    center: ['กึ่งกลาง'],
    right: ['ชิดขวา'],
  },
  group_by: {
    none: ['ไม่จัดกลุ่ม'],
    issue: ['ประเด็นการประเมิน'],
    indicator: ['ตัวชี้วัด'],
    group: ['กลุ่ม'],
  },
  months: {
    short: ['ย่อ'],
    full: ['เต็ม'],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type SpelledEnum = keyof typeof SPELLINGS;
export type EnumValue<K extends SpelledEnum> = keyof (typeof SPELLINGS)[K] & string;

/** The value a spelling stands for (a value is its own spelling); undefined for anything else. */
export function canonical<K extends SpelledEnum>(kind: K, spelling: string): EnumValue<K> | undefined {
  const table = SPELLINGS[kind] as Record<string, readonly string[]>;
  if (Object.hasOwn(table, spelling)) return spelling as EnumValue<K>;
  for (const [value, spellings] of Object.entries(table)) if (spellings.includes(spelling)) return value as EnumValue<K>;
  return undefined;
}

/** Every accepted spelling of a kind of value: the values first, then their Thai spellings (the schemas' enum). */
export function allSpellings(kind: SpelledEnum): string[] {
  const table = SPELLINGS[kind] as Record<string, readonly string[]>;
  return [...Object.keys(table), ...Object.values(table).flat()];
}

/** `canonical` for a value that may be absent; a value the schema let through is always known. */
export function canonicalOr<K extends SpelledEnum>(kind: K, spelling: string | undefined, fallback: EnumValue<K>): EnumValue<K> {
  return (spelling === undefined ? undefined : canonical(kind, spelling)) ?? fallback;
}
