/**
 * The command line: `ita-report validate FILE…` and `ita-report build FILE… [-o DIR]`;
 * for officers at their editor also `build --watch` (watch.ts), `preview` (preview.ts),
 * `init` (init.ts) and `schema` (schema.ts).
 * Exit codes: 0 all good, 1 a document is invalid or failed to build, 2 the command itself was wrong.
 */
import { Command, CommanderError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { formatDiagnostic, formatPath, sortDiagnostics, UserError, type Diagnostic, type Lang } from '../diagnostics.js';
import { deriveDocument } from '../pipeline.js';
import { expandInputs, parseShard, shard } from '../batch/inputs.js';
import { runBatch, type Outcome } from '../batch/run.js';
import { display, outcomeLine, Progress } from './progress.js';
import { TOOL_VERSION } from '../paths.js';
import { KINDS } from '../kinds/index.js';
import { initCommand } from './init.js';
import { bundledSchema, schemaKinds } from './schema.js';
import { watchCommand } from './watch.js';
import { previewCommand } from './preview.js';
import { nearest } from '../validate/suggest.js';
import { writeFile } from 'node:fs/promises';

const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

function printDiagnostics(list: Diagnostic[], lang: Lang): void {
  for (const d of sortDiagnostics(list.map((x) => ({ ...x, file: display(x.file) })))) {
    process.stderr.write(`${formatDiagnostic(d, lang)}\n`);
  }
}

function summaryLine(errors: number, warnings: number, lang: Lang): string {
  return lang === 'th' ? `ข้อผิดพลาด ${errors} รายการ คำเตือน ${warnings} รายการ` : `${errors} error(s), ${warnings} warning(s)`;
}

function count(list: Diagnostic[]) {
  return { errors: list.filter((d) => d.severity === 'error').length, warnings: list.filter((d) => d.severity === 'warning').length };
}

async function validateCommand(files: string[], lang: Lang): Promise<number> {
  let failed = false;
  for (const file of files) {
    // Derive too: placeholders in prose are checked there. Still no browser.
    const { diagnostics } = await deriveDocument(file);
    printDiagnostics(diagnostics, lang);
    const c = count(diagnostics);
    if (c.errors > 0) failed = true;
    const ok = c.errors === 0;
    process.stdout.write(`${ok ? '✓' : '✗'} ${display(file)}${ok ? (lang === 'th' ? ' ถูกต้อง' : ' is valid') : ''} (${summaryLine(c.errors, c.warnings, lang)})\n`);
  }
  return failed ? EXIT_INVALID : EXIT_OK;
}

interface BuildOptions {
  out?: string;
  browser?: string;
  jobs?: string;
  force?: boolean;
  shard?: string;
  json?: boolean;
  timeout?: string;
  watch?: boolean;
}

async function buildCommand(args: string[], opts: BuildOptions, lang: Lang): Promise<number> {
  const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
  const timeoutSeconds = opts.timeout === undefined ? 120 : Number(opts.timeout);
  const shardSpec = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (!Number.isInteger(jobs) || jobs < 1 || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || (opts.shard !== undefined && !shardSpec)) {
    process.stderr.write(lang === 'th'
      ? 'ita-report: --jobs ต้องเป็นจำนวนเต็มตั้งแต่ 1, --timeout เป็นจำนวนวินาที และ --shard อยู่ในรูป K/N เช่น 1/4\n'
      : 'ita-report: --jobs takes a whole number from 1, --timeout seconds, --shard K/N such as 1/4\n');
    return EXIT_USAGE;
  }
  const expanded = await expandInputs(args);
  if (expanded.diagnostics.length > 0) {
    printDiagnostics(expanded.diagnostics, lang);
    return EXIT_USAGE;
  }
  const inputs = shardSpec ? shard(expanded.inputs, shardSpec) : expanded.inputs;
  const progress = new Progress(inputs.length, lang, opts.json ? 'json' : 'auto');
  const started = performance.now();
  const outcomes = await runBatch(inputs, {
    outDir: opts.out,
    jobs,
    force: opts.force,
    browserPath: opts.browser,
    timeout: timeoutSeconds * 1000,
    onStart: (i) => progress.start(i),
    onDone: (o) => {
      // Warnings of a good document are shown as they come; failures are listed at the end.
      if (!opts.json && (o.status === 'built' || o.status === 'up-to-date')) printDiagnostics(o.diagnostics, lang);
      progress.finish(o);
    },
  });
  progress.end();
  const failed = outcomes.filter((o) => o.status === 'invalid' || o.status === 'failed');
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(jsonSummary(outcomes, performance.now() - started, lang), null, 2)}\n`);
  } else {
    if (failed.length > 0) {
      process.stderr.write(lang === 'th' ? `\nเอกสารที่ไม่สำเร็จ ${failed.length} รายการ:\n` : `\n${failed.length} document(s) failed:\n`);
      for (const o of failed) {
        process.stderr.write(`${outcomeLine(o, lang)}\n`);
        printDiagnostics(o.diagnostics, lang);
      }
    }
    if (outcomes.length > 1) {
      const built = outcomes.filter((o) => o.status === 'built').length;
      const fresh = outcomes.filter((o) => o.status === 'up-to-date').length;
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(lang === 'th'
        ? `สร้าง ${built} ไม่เปลี่ยนแปลง ${fresh} ไม่สำเร็จ ${failed.length} จากทั้งหมด ${outcomes.length} เอกสาร (${secs} วินาที)\n`
        : `${built} built, ${fresh} up to date, ${failed.length} failed of ${outcomes.length} documents (${secs} s)\n`);
    }
  }
  return failed.length > 0 ? EXIT_INVALID : EXIT_OK;
}

function defaultJobs(): number {
  // One browser process does the rendering; more pages at once than cores only adds memory.
  return Math.max(1, Math.min(4, availableParallelism()));
}

function jsonSummary(outcomes: Outcome[], ms: number, lang: Lang) {
  return {
    tool: 'ita-report',
    version: TOOL_VERSION,
    ms: Math.round(ms),
    documents: outcomes.map((o) => ({
      input: o.input,
      output: o.output ?? null,
      status: o.status,
      pages: o.pages ?? null,
      ms: Math.round(o.ms),
      retried: o.retried,
      diagnostics: o.diagnostics.map((d) => ({ severity: d.severity, code: d.code, file: d.file, line: d.line, column: d.column, path: formatPath(d.path), message: d.message[lang], hint: d.hint?.[lang] ?? null })),
    })),
  };
}

function langOf(value: unknown): Lang {
  return value === 'en' ? 'en' : 'th';
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command()
    .name('ita-report')
    .description('YAML → เอกสาร PDF ตามแบบราชการสำหรับการประเมิน ITA / YAML → official PDF documents for the Thai ITA')
    .version(TOOL_VERSION)
    .addOption(new Option('--lang <lang>', 'ภาษาของข้อความแจ้งเตือน / language of messages').choices(['th', 'en']).default(process.env.ITA_REPORT_LANG === 'en' ? 'en' : 'th'))
    .showHelpAfterError()
    .exitOverride();

  program
    .command('validate')
    .description('ตรวจไฟล์ YAML โดยไม่สร้าง PDF / check YAML files without printing')
    .argument('<files...>', 'ไฟล์ YAML / YAML files')
    .action(async (files: string[]) => {
      exitCode = await validateCommand(files, langOf(program.opts().lang));
    });

  program
    .command('build')
    .description('สร้าง PDF จากไฟล์ YAML / build PDFs from YAML files')
    .argument('<inputs...>', 'ไฟล์ YAML โฟลเดอร์ หรือรูปแบบ เช่น reports/**/*.yaml / YAML files, folders or globs')
    .option('-o, --out <dir>', 'โฟลเดอร์สำหรับไฟล์ PDF (ค่าเริ่มต้น: โฟลเดอร์เดียวกับไฟล์ YAML) / output folder')
    .option('--browser <path>', 'โปรแกรม Chrome/Edge/Chromium ที่จะใช้ / browser executable')
    .option('-j, --jobs <n>', 'จำนวนเอกสารที่พิมพ์พร้อมกัน (ค่าเริ่มต้นตามจำนวน CPU) / documents printed at once')
    .option('-f, --force', 'สร้างใหม่ทั้งหมดแม้ไม่มีการเปลี่ยนแปลง / rebuild even when nothing changed')
    .option('--shard <k/n>', 'สร้างเฉพาะส่วนที่ k จาก n ส่วน (สำหรับ CI matrix) / build only slice k of n')
    .option('--json', 'พิมพ์สรุปผลเป็น JSON / print a machine-readable summary')
    .option('--timeout <seconds>', 'เวลาสูงสุดต่อเอกสาร (ค่าเริ่มต้น 120) / time limit per document', undefined)
    .option('-w, --watch', 'สร้างใหม่ทุกครั้งที่บันทึกไฟล์ จนกว่าจะกด Ctrl+C / rebuild on every change until Ctrl+C')
    .action(async (files: string[], opts: BuildOptions) => {
      const lang = langOf(program.opts().lang);
      exitCode = opts.watch ? await watchCommand(files, opts, lang) : await buildCommand(files, opts, lang);
    });

  program
    .command('preview')
    .description('ดู PDF ในเว็บเบราว์เซอร์ และแสดงใหม่ทุกครั้งที่บันทึกไฟล์ / show the PDF in a web browser, rebuilt on every save')
    .argument('<file>', 'ไฟล์ YAML / YAML file')
    .option('-p, --port <n>', `พอร์ตบนเครื่องนี้ (ค่าเริ่มต้น 7878) / local port`)
    .option('--browser <path>', 'โปรแกรม Chrome/Edge/Chromium ที่ใช้พิมพ์ / browser executable for printing')
    .option('--timeout <seconds>', 'เวลาสูงสุดในการพิมพ์ (ค่าเริ่มต้น 120) / time limit per build')
    .option('--no-open', 'ไม่ต้องเปิดเว็บเบราว์เซอร์ให้ / do not open a web browser')
    .action(async (file: string, opts: { port?: string; browser?: string; timeout?: string; open?: boolean }) => {
      exitCode = await previewCommand(file, opts, langOf(program.opts().lang));
    });

  program
    .command('init')
    .description('สร้างไฟล์ YAML เริ่มต้นพร้อมคำอธิบายภาษาไทย / write a starter YAML with Thai comments')
    .argument('<kind>', `ชนิดเอกสาร: ${[...KINDS.keys()].join(', ')} (หรือ authority) / document kind`)
    .argument('[dir]', 'โฟลเดอร์ที่จะสร้างไฟล์ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน) / folder (default: current)')
    .option('--authority <name>', 'ชื่อเต็มของหน่วยงาน / full name of the authority')
    .option('--year <n>', 'ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน) / Buddhist-era fiscal year (default: the current one)')
    .action(async (kind: string, dir: string | undefined, opts: { authority?: string; year?: string }) => {
      exitCode = (await initCommand(kind, dir, opts, langOf(program.opts().lang))).exitCode;
    });

  program
    .command('schema')
    .description('พิมพ์ JSON Schema ของเอกสารชนิดหนึ่ง (ไฟล์เดียวครบ) สำหรับโปรแกรมแก้ไข / print a kind\'s self-contained JSON Schema for editors')
    .argument('<kind>', `${schemaKinds().join(', ')}`)
    .option('-o, --out <file>', 'เขียนลงไฟล์แทนการพิมพ์ / write to a file')
    .action(async (kind: string, opts: { out?: string }) => {
      const lang = langOf(program.opts().lang);
      const schema = bundledSchema(kind);
      if (!schema) {
        const guess = nearest(kind, schemaKinds());
        process.stderr.write(lang === 'th'
          ? `ita-report: ไม่รู้จักชนิดเอกสาร "${kind}"${guess ? ` หมายถึง ${guess} หรือไม่?` : ''} ชนิดที่มี: ${schemaKinds().join(', ')}\n`
          : `ita-report: unknown document kind "${kind}"${guess ? `; did you mean ${guess}?` : ''} kinds: ${schemaKinds().join(', ')}\n`);
        exitCode = EXIT_USAGE;
        return;
      }
      const text = `${JSON.stringify(schema, null, 2)}\n`;
      if (opts.out) await writeFile(opts.out, text);
      else process.stdout.write(text);
    });

  program
    .command('kinds')
    .description('ชนิดเอกสารที่สร้างได้ / document kinds')
    .action(() => {
      const lang = langOf(program.opts().lang);
      for (const kind of KINDS.values()) process.stdout.write(`${kind.name}\t${kind.title[lang]}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof UserError) {
      printDiagnostics(err.diagnostics, langOf(program.opts().lang));
      return EXIT_INVALID;
    }
    throw err;
  }
  return exitCode;
}
