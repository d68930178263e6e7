#!/usr/bin/env node
// Entry point: runs the compiled CLI. An unexpected failure (a bug, not a user
// mistake) prints one line and where to report it, not a stack trace, unless
// ITA_REPORT_DEBUG is set.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
