/**
 * The command line, wired with commander: `validate` (validate.ts), `build` (build.ts,
 * and `build --watch`, watch.ts), `preview` (preview.ts), `init` (init.ts), `schema`
 * (schema.ts) and `kinds`.
 * Exit codes: 0 all good, 1 a document is invalid or failed to build, 2 the command itself was wrong.
 *
 * Each command's module is imported when that command runs: `validate` (run on every
 * save by editors) must not pay for loading the browser driver and the PDF library.
 */
import { statSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UserError, type Lang } from '../diagnostics.js';
import { TOOL_VERSION } from '../paths.js';
import { KINDS } from '../kinds/index.js';
import type { BuildOptions } from './build.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, printDiagnostics } from './report.js';
import { schemaKinds } from './schema.js';
import type { ValidateOptions } from './validate.js';
import type { PreviewOptions } from './preview.js';
import type { FieldsOptions } from './fields.js';

function langOf(value: unknown): Lang {
  return value === 'en' ? 'en' : 'th';
}

/** --root DIR (load/files.ts documentRoot): the folder the documents may read files from. */
function rootOption(): Option {
  return new Option('--root <dir>', 'โฟลเดอร์ที่เอกสารอ่านไฟล์ได้ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบันถ้าเอกสารอยู่ในนั้น ไม่เช่นนั้นโฟลเดอร์ของเอกสาร) / the folder documents may read files from (default: the current folder when the document is in it, else the document\'s folder)')
    .argParser((dir: string) => {
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InvalidArgumentError(`ไม่ใช่โฟลเดอร์ที่มีอยู่ / not an existing folder: ${dir}`);
      return dir;
    });
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

  const strictHelp = 'ถือว่าคำเตือน (เช่น ข้อความในวงเล็บที่ยังไม่ได้แก้) เป็นข้อผิดพลาด สำหรับ CI / treat warnings (such as leftover starter text) as errors, for CI';
  const verboseHelp = 'แสดงไฟล์ YAML ที่ข้ามไป (ไม่มี kind: หรือเป็นข้อมูลหน่วยงาน) / list the YAML files passed over (no kind:, authority files)';
  const browserVerboseHelp = 'แสดงไฟล์ YAML ที่ข้ามไป เบราว์เซอร์ที่ใช้ และเมื่อปิด sandbox / list the YAML files passed over, say which browser prints and when its sandbox is off';
  const timeoutHelp = 'เวลาสูงสุดต่อเอกสาร 1–86400 วินาที (ค่าเริ่มต้น 120) / time limit per document, 1–86400 s (default 120)';
  const inputsHelp = 'ไฟล์ YAML โฟลเดอร์ หรือรูปแบบ เช่น "reports/**/*.yaml" และ "!drafts/**" เพื่อยกเว้น / YAML files, folders, globs; "!pattern" leaves out';

  program
    .command('validate')
    .description('ตรวจไฟล์ YAML โดยไม่สร้าง PDF / check YAML files without printing')
    .argument('<inputs...>', inputsHelp)
    .option('--json', 'พิมพ์สรุปผลเป็น JSON / print a machine-readable summary')
    .option('--strict', strictHelp)
    .option('-v, --verbose', verboseHelp)
    .addOption(rootOption())
    .action(async (files: string[], opts: ValidateOptions) => {
      const { validateCommand } = await import('./validate.js');
      exitCode = await validateCommand(files, opts, langOf(program.opts().lang));
    });

  program
    .command('build')
    .description('สร้าง PDF จากไฟล์ YAML / build PDFs from YAML files')
    .argument('<inputs...>', inputsHelp)
    .option('-o, --out <dir>', 'โฟลเดอร์สำหรับไฟล์ PDF (ค่าเริ่มต้น: โฟลเดอร์เดียวกับไฟล์ YAML) / output folder')
    .option('--browser <path>', 'โปรแกรม Chrome/Edge/Chromium ที่จะใช้ / browser executable')
    .option('-j, --jobs <n>', 'จำนวนเอกสารที่พิมพ์พร้อมกัน (ค่าเริ่มต้นตามจำนวน CPU) / documents printed at once')
    .option('-f, --force', 'สร้างใหม่ทั้งหมดแม้ไม่มีการเปลี่ยนแปลง และเขียนทับ PDF ที่ไม่ได้สร้างโดย ita-report / rebuild even when nothing changed, and replace PDFs ita-report did not make')
    .option('--shard <k/n>', 'สร้างเฉพาะส่วนที่ k จาก n ส่วน (สำหรับ CI matrix) / build only slice k of n')
    .option('--json', 'พิมพ์สรุปผลเป็น JSON / print a machine-readable summary')
    .option('--timeout <seconds>', timeoutHelp, undefined)
    .option('--strict', strictHelp)
    .option('-v, --verbose', browserVerboseHelp)
    .option('-w, --watch', 'สร้างใหม่ทุกครั้งที่บันทึกไฟล์ จนกว่าจะกด Ctrl+C / rebuild on every change until Ctrl+C')
    .addOption(rootOption())
    .action(async (files: string[], opts: BuildOptions) => {
      const lang = langOf(program.opts().lang);
      exitCode = opts.watch
        ? await (await import('./watch.js')).watchCommand(files, opts, lang)
        : await (await import('./build.js')).buildCommand(files, opts, lang);
    });

  program
    .command('preview')
    .description('ดู PDF ในเว็บเบราว์เซอร์ และแสดงใหม่ทุกครั้งที่บันทึกไฟล์ / show the PDF in a web browser, rebuilt on every save')
    .argument('<file>', 'ไฟล์ YAML / YAML file')
    .option('-p, --port <n>', `พอร์ตบนเครื่องนี้ (ค่าเริ่มต้น 7878) / local port`)
    .option('--browser <path>', 'โปรแกรม Chrome/Edge/Chromium ที่ใช้พิมพ์ / browser executable for printing')
    .option('--timeout <seconds>', timeoutHelp)
    .option('--no-open', 'ไม่ต้องเปิดเว็บเบราว์เซอร์ให้ / do not open a web browser')
    .option('-v, --verbose', 'แสดงเบราว์เซอร์ที่ใช้ และเมื่อปิด sandbox / say which browser prints and when its sandbox is off')
    .addOption(rootOption())
    .action(async (file: string, opts: PreviewOptions) => {
      const { previewCommand } = await import('./preview.js');
      exitCode = await previewCommand(file, opts, langOf(program.opts().lang));
    });

  program
    .command('init')
    .description('สร้างไฟล์ YAML เริ่มต้นพร้อมคำอธิบายภาษาไทย / write a starter YAML with Thai comments')
    .argument('[kind]', `ชนิดเอกสาร: ${[...KINDS.keys()].join(', ')} (หรือ authority) / document kind`)
    .argument('[dir]', 'โฟลเดอร์ที่จะสร้างไฟล์ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน) / folder (default: current)')
    .option('--authority <name>', 'ชื่อเต็มของหน่วยงาน / full name of the authority')
    .option('--year <n>', 'ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน) / Buddhist-era fiscal year (default: the current one)')
    .option('--plan <file>', 'init progress: ไฟล์แผนที่รายงานผล / the plan the progress report follows')
    .option('--editor <dir>', 'ปรับปรุงไฟล์สำหรับโปรแกรมแก้ไข (schema ภาษาไทย, .vscode) ในโฟลเดอร์เอกสารที่มีอยู่ / refresh the editor files of an existing documents folder')
    .action(async (kind: string | undefined, dir: string | undefined, opts: { authority?: string; year?: string; plan?: string; editor?: string }) => {
      const lang = langOf(program.opts().lang);
      const { initCommand, initEditorCommand } = await import('./init.js');
      if (opts.editor !== undefined && kind === undefined) {
        exitCode = (await initEditorCommand(opts.editor, lang)).exitCode;
      } else if (kind === undefined || opts.editor !== undefined) {
        process.stderr.write(lang === 'th'
          ? 'ita-report: ระบุชนิดเอกสาร เช่น ita-report init plan เอกสาร-ita หรือใช้ ita-report init --editor โฟลเดอร์ อย่างใดอย่างหนึ่ง\n'
          : 'ita-report: give a kind, e.g. ita-report init plan my-folder, or use ita-report init --editor FOLDER on its own\n');
        exitCode = EXIT_USAGE;
      } else {
        exitCode = (await initCommand(kind, dir, opts, lang)).exitCode;
      }
    });

  program
    .command('schema')
    .description('พิมพ์ JSON Schema ของเอกสารชนิดหนึ่ง (ไฟล์เดียวครบ) สำหรับโปรแกรมแก้ไข / print a kind\'s self-contained JSON Schema for editors')
    .argument('<kind>', `${schemaKinds().join(', ')}`)
    .option('-o, --out <file>', 'เขียนลงไฟล์แทนการพิมพ์ / write to a file')
    .option('-f, --force', 'เขียนทับไฟล์แม้ไม่ได้สร้างโดยคำสั่งนี้ / replace the file even if this command did not write it')
    .action(async (kind: string, opts: { out?: string; force?: boolean }) => {
      const { schemaCommand } = await import('./schema.js');
      exitCode = await schemaCommand(kind, opts, langOf(program.opts().lang));
    });

  program
    .command('fields')
    .description('ฟิลด์ของเอกสารชนิดหนึ่ง เป็นโครงสร้างพร้อมชื่อภาษาไทย ชนิดค่า ต้องมีหรือไม่ และตัวอย่าง / the fields of a kind, as a tree with Thai titles, types, required or not, examples')
    .argument('[kind]', `${schemaKinds().join(', ')}`)
    .option('--markdown', 'พิมพ์เป็นหน้า Markdown พร้อมคำอธิบาย / print a Markdown page with the descriptions')
    .option('-o, --out <dir>', 'เขียนหน้า Markdown ของทุกชนิด (หรือชนิดที่ระบุ) ลงโฟลเดอร์ / write the Markdown page of every kind (or the one named) into a folder')
    .action(async (kind: string | undefined, opts: FieldsOptions) => {
      const { fieldsCommand } = await import('./fields.js');
      exitCode = await fieldsCommand(kind, opts, langOf(program.opts().lang));
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
