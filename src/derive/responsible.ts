/**
 * Who is responsible (ผู้รับผิดชอบ), shared by every kind that prints it
 * (common.schema.json#/$defs/responsible and #/$defs/responsibleLabels,
 * templates/shared/responsible.hbs): the main units, then the supporting ones, each
 * part under the label the authority uses.
 */
export type UnitList = string | string[];
export type ResponsibleInput = UnitList | { main: UnitList; support?: UnitList };

export interface ResponsibleLabelsInput {
  main?: string;
  support?: string;
  /** Label a main part that has no supporting part beside it too. */
  label_alone?: boolean;
}

export const DEFAULT_RESPONSIBLE_LABELS = { main: 'หน่วยงานรับผิดชอบหลัก :', support: 'หน่วยงานสนับสนุน :' };

export interface ResponsiblePart {
  /** Printed before the first unit; absent when the part goes unlabelled. */
  label?: string;
  units: string[];
}

/** ไม้ยมก never starts a line: "อื่น ๆ" stays together. */
const unitText = (u: string) => u.replace(/ ๆ/g, '\u00a0ๆ');
const list = (v: UnitList | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(unitText);

export function responsibleUnits(value: ResponsibleInput | undefined): { main: string[]; support: string[] } {
  if (value === undefined) return { main: [], support: [] };
  if (typeof value === 'object' && !Array.isArray(value)) return { main: list(value.main), support: list(value.support) };
  return { main: list(value), support: [] };
}

/**
 * The parts to print: both labelled when there is a supporting part ("หน่วยงานรับผิดชอบหลัก :",
 * "หน่วยงานสนับสนุน :" unless the authority words them otherwise; an empty label prints
 * none), a lone main part unlabelled unless `label_alone`. `only` keeps one part (a
 * layout with a column for each).
 */
export function responsibleParts(value: ResponsibleInput | undefined, labels: ResponsibleLabelsInput = {}, only?: 'main' | 'support'): ResponsiblePart[] {
  const { main, support } = responsibleUnits(value);
  // A line never starts with the label's colon ("หน่วยงานสนับสนุน :").
  const glue = (label: string) => label.replace(/\s+(?=[:：])/g, '\u00a0');
  const mainLabel = glue(labels.main ?? DEFAULT_RESPONSIBLE_LABELS.main);
  const supportLabel = glue(labels.support ?? DEFAULT_RESPONSIBLE_LABELS.support);
  const split = support.length > 0 || labels.label_alone === true;
  const parts: ResponsiblePart[] = [];
  if (main.length > 0 && only !== 'support') parts.push({ label: split && only === undefined && mainLabel !== '' ? mainLabel : undefined, units: main });
  if (support.length > 0 && only !== 'main') parts.push({ label: only === undefined && supportLabel !== '' ? supportLabel : undefined, units: support });
  return parts;
}
