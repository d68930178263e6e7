/**
 * `ita-report schema KIND [-o FILE]`: one kind's JSON Schema as a single self-contained
 * file (src/validate/bundle.ts), for editors that cannot read the schemas from the
 * installed package (or that do not follow a reference from one schema file to another).
 */
import { dirname, resolve } from 'node:path';
import { bi, type Lang } from '../diagnostics.js';
import { removeStaleTemporaries, replaceRefusal, writeAtomically } from '../batch/outputs.js';
import { kindChoices } from '../validate/suggest.js';
import { bundledSchema, schemaKinds } from '../validate/bundle.js';
import { EXIT_INVALID, EXIT_OK, printDiagnostics } from './report.js';

export { schemaKinds };

/**
 * `ita-report schema KIND [-o FILE] [--force]`; returns the exit code. FILE is replaced only
 * when it is a schema this command wrote, or with --force (never a folder, a pipe or a read-only file).
 */
export async function schemaCommand(kind: string, opts: { out?: string; force?: boolean }, lang: Lang): Promise<number> {
  const schema = bundledSchema(kind);
  if (!schema) {
    const choices = kindChoices(kind, schemaKinds());
    process.stderr.write(`ita-report: ${bi(`ไม่รู้จักชนิดเอกสาร "${kind}" ${choices.th}`, `unknown document kind "${kind}"; ${choices.en}`)[lang]}\n`);
    return 2;
  }
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (!opts.out) {
    process.stdout.write(text);
    return EXIT_OK;
  }
  const refusal = await replaceRefusal(opts.out, opts.force);
  if (refusal) {
    printDiagnostics([{ severity: 'error', file: opts.out, line: 0, column: 0, path: [], ...refusal }], lang);
    return EXIT_INVALID;
  }
  await removeStaleTemporaries(dirname(resolve(opts.out)));
  await writeAtomically(opts.out, new TextEncoder().encode(text));
  return EXIT_OK;
}
