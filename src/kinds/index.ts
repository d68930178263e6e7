/** The registry of document kinds: a YAML file's `kind:` selects one entry. */
import type { DocumentKind } from './kind.js';
import { planKind } from './plan/index.js';
import { measuresKind } from './measures/index.js';
import { resultsKind } from './results/index.js';
import { progressKind } from './progress/index.js';

/** Any kind, its input and what its rules learn unknown to the shared code. */
export type AnyKind = DocumentKind<never, unknown>;

export const KINDS: ReadonlyMap<string, AnyKind> = new Map<string, AnyKind>(
  ([planKind, measuresKind, resultsKind, progressKind] as AnyKind[]).map((k) => [k.name, k]),
);
