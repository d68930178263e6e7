/**
 * The title block at the head of a document, shared by every kind
 * (common.schema.json#/$defs/titleLines, templates/shared/title-block.hbs).
 *
 * `title:` is one text, or a list of lines in the authority's own words, each with
 * placeholders: the first line is the title, the others print under it in a smaller size.
 */
import type { YamlPath } from '../diagnostics.js';

export type TitleInput = string | string[];

export interface TitleLine {
  text: string;
  /** Printed after the text and never broken (the year of "… ประจำปี พ.ศ. ๒๕๖๗"). */
  keep?: string;
}

export interface TitleBlock {
  main: TitleLine;
  sub: TitleLine[];
}

/** Resolves a text's or each listed line's placeholders; a text keeps its typed line breaks as lines. */
export function titleLines(value: TitleInput, path: YamlPath, prose: (text: string, path: YamlPath) => string): string[] {
  if (Array.isArray(value)) return value.map((line, i) => prose(line, [...path, i]).trim());
  return prose(value, path).split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** One line of text for metadata and placeholders ({{title}}). */
export function titleText(lines: readonly string[]): string {
  return lines.join(' ');
}

/**
 * The block: the first line is the title (with `keep` after it when it stands alone),
 * the other lines and the kind's own `sub` lines print under it.
 */
export function titleBlock(lines: readonly string[], opts: { sub?: string[]; keep?: string } = {}): TitleBlock {
  const [first = '', ...rest] = lines;
  return { main: { text: first, keep: rest.length === 0 ? opts.keep : undefined }, sub: [...rest, ...(opts.sub ?? [])].map((text) => ({ text })) };
}
