#!/usr/bin/env node
// Entry point: runs the compiled CLI. An unexpected failure (a bug, not a user
// mistake) prints one line and where to report it, not a stack trace, unless
// ITA_REPORT_DEBUG is set.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A run is short and allocates in bursts (a PDF parsed, a document derived): a young generation
// of 2 MB instead of 16 keeps Node about 25 MB smaller while two documents print, in the same
// time (measured: six copies of the example plan, --jobs 2). Set before anything is allocated.
setFlagsFromString('--max-semi-space-size=2');

const cli = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('ita-report is not built yet: run "npm run build" in its folder (or "make setup").\n');
  process.exit(2);
}
const { main } = await import(cli.href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (process.env.ITA_REPORT_DEBUG) throw err;
  process.stderr.write(`ita-report: internal error: ${err && err.message ? err.message.split('\n')[0] : String(err)}\n(set ITA_REPORT_DEBUG=1 for details and report it)\n`);
  process.exitCode = 3;
}
