/**
 * The optional cover page every kind can have (common.schema.json#/$defs/cover,
 * templates/shared/cover.hbs): the authority's logo, the title in the lines a person
 * would break it into, and lines under it (the authority, where it is, the year).
 */
import type { YamlPath } from '../diagnostics.js';
import type { AuthorityInput } from './authority.js';
import { titleLines, type TitleInput } from './title-block.js';

export type CoverInput = boolean | { title?: TitleInput; lines?: string[]; logo?: boolean };

export interface CoverModel {
  /** A data: URL. */
  logo?: string;
  logoAlt: string;
  title: string[];
  lines: string[];
}

/**
 * The cover, or undefined when the document has none. `defaults` are the kind's title
 * lines and lines under it; `fallback` says whether a document that does not mention
 * `cover:` has one (the plan does).
 */
export function coverModel(
  input: CoverInput | undefined,
  authority: AuthorityInput,
  defaults: { title: string[]; lines: string[]; fallback: boolean },
  prose: (text: string, path: YamlPath) => string,
): CoverModel | undefined {
  const wanted = input === undefined ? defaults.fallback : input !== false;
  if (!wanted) return undefined;
  const own = typeof input === 'object' ? input : {};
  const lines = own.lines ? own.lines.map((l, i) => prose(l, ['cover', 'lines', i])) : defaults.lines;
  return {
    logo: own.logo === false ? undefined : authority.logo,
    logoAlt: `ตราสัญลักษณ์${authority.name}`,
    title: own.title !== undefined ? titleLines(own.title, ['cover', 'title'], prose) : defaults.title,
    lines,
  };
}
