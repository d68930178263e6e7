/** The registry of document kinds: a YAML file's `kind:` selects one entry. */
import type { DocumentKind } from './kind.js';
import { planKind } from './plan.js';
import { measuresKind } from './measures.js';
import { resultsKind } from './results.js';
import { progressKind } from './progress/index.js';

export const KINDS: ReadonlyMap<string, DocumentKind<never>> = new Map<string, DocumentKind<never>>(
  [planKind as DocumentKind<never>, measuresKind as DocumentKind<never>, resultsKind as DocumentKind<never>, progressKind as DocumentKind<never>].map((k) => [k.name, k]),
);
