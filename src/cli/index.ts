/**
 * The command line: `ita-report validate FILE…` and `ita-report build FILE… [-o DIR]`.
 * Exit codes: 0 all good, 1 a document is invalid or failed to build, 2 the command itself was wrong.
 */
import { Command, CommanderError, Option } from 'commander';
import { relative } from 'node:path';
import { formatDiagnostic, hasErrors, sortDiagnostics, UserError, type Diagnostic, type Lang } from '../diagnostics.js';
import { buildDocument, checkDocument, deriveDocument } from '../pipeline.js';
import { Printer } from '../print/printer.js';
import { TOOL_VERSION } from '../paths.js';
import { KINDS } from '../kinds/index.js';

const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

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

async function buildCommand(files: string[], opts: { out?: string; browser?: string }, lang: Lang): Promise<number> {
  // Validate everything first: a typo is reported in a second, before any browser starts.
  const checked = await Promise.all(files.map((f) => deriveDocument(f)));
  const valid = checked.filter((c) => !hasErrors(c.diagnostics)).map((c) => c.file);
  let failed = checked.length !== valid.length;
  for (const c of checked) {
    if (hasErrors(c.diagnostics)) {
      printDiagnostics(c.diagnostics, lang);
      process.stdout.write(`✗ ${display(c.file)} (${summaryLine(count(c.diagnostics).errors, count(c.diagnostics).warnings, lang)})\n`);
    }
  }
  if (valid.length === 0) return EXIT_INVALID;
  const printer = await Printer.launch({ browserPath: opts.browser });
  try {
    for (const file of valid) {
      const result = await buildDocument(file, printer, { outDir: opts.out });
      printDiagnostics(result.diagnostics, lang);
      if (result.output) {
        const seconds = (result.ms / 1000).toFixed(1);
        process.stdout.write(`✓ ${display(file)} → ${display(result.output)} (${lang === 'th' ? `${result.pages} หน้า, ${seconds} วินาที` : `${result.pages} pages, ${seconds} s`})\n`);
      } else {
        failed = true;
        process.stdout.write(`✗ ${display(file)} (${summaryLine(count(result.diagnostics).errors, count(result.diagnostics).warnings, lang)})\n`);
      }
    }
  } finally {
    await printer.close();
  }
  return failed ? EXIT_INVALID : EXIT_OK;
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
    .argument('<files...>', 'ไฟล์ YAML / YAML files')
    .option('-o, --out <dir>', 'โฟลเดอร์สำหรับไฟล์ PDF (ค่าเริ่มต้น: โฟลเดอร์เดียวกับไฟล์ YAML) / output folder')
    .option('--browser <path>', 'โปรแกรม Chrome/Edge/Chromium ที่จะใช้ / browser executable')
    .action(async (files: string[], opts: { out?: string; browser?: string }) => {
      exitCode = await buildCommand(files, opts, langOf(program.opts().lang));
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
