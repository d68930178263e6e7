/**
 * `ita-report schema KIND [-o FILE]`: one kind's JSON Schema as a single self-contained
 * file (src/validate/bundle.ts), for editors that cannot read the schemas from the
 * installed package (or that do not follow a reference from one schema file to another).
 */
import { writeFile } from 'node:fs/promises';
import type { Lang } from '../diagnostics.js';
import { nearest } from '../validate/suggest.js';
import { bundledSchema, schemaKinds } from '../validate/bundle.js';

export { schemaKinds };

/** `ita-report schema KIND [-o FILE]`; returns the exit code. */
export async function schemaCommand(kind: string, opts: { out?: string }, lang: Lang): Promise<number> {
  const schema = bundledSchema(kind);
  if (!schema) {
    const guess = nearest(kind, schemaKinds());
    process.stderr.write(lang === 'th'
      ? `ita-report: ไม่รู้จักชนิดเอกสาร "${kind}"${guess ? ` หมายถึง ${guess} หรือไม่?` : ''} ชนิดที่มี: ${schemaKinds().join(', ')}\n`
      : `ita-report: unknown document kind "${kind}"${guess ? `; did you mean ${guess}?` : ''} kinds: ${schemaKinds().join(', ')}\n`);
    return 2;
  }
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (opts.out) await writeFile(opts.out, text);
  else process.stdout.write(text);
  return 0;
}
