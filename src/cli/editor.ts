/**
 * What an editor needs, kept inside the documents' folder so that the folder can be moved,
 * zipped or copied to a colleague's computer and keeps its checks:
 * - `.ita-report/<kind>.schema.json`: the editor copies of the schemas, with Thai messages
 *   (src/validate/editor-schema.ts);
 * - `.vscode/settings.json`: `yaml.schemas` maps the documents' names to those copies (for a
 *   file without the first-line modeline), and `.vscode/extensions.json` recommends the
 *   YAML extension (redhat.vscode-yaml), which VS Code offers to install on opening;
 * - the `# yaml-language-server: $schema=…` line of each document, a path inside the folder.
 * Written by `init`, refreshed by `init --editor DIR` after an upgrade. A file that is not
 * ours is never overwritten: our schema copies say so in their `$comment`, and the two
 * VS Code files are merged into (our entries added), or left alone when they cannot be read.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import nodePath, { dirname, join } from 'node:path';
import { glob } from 'tinyglobby';
import { writeAtomically } from '../pipeline.js';
import { replaceRefusal } from '../batch/outputs.js';
import { readLimited } from '../load/files.js';
import { LIMITS } from '../load/limits.js';
import { bundledSchema, schemaKinds } from '../validate/bundle.js';
import { editorSchema } from '../validate/editor-schema.js';

/** The subfolder of the documents' folder that holds the editor copies of the schemas. */
export const EDITOR_SCHEMA_DIR = '.ita-report';
const MARK = 'ita-report: editor copy';
const YAML_EXTENSION = 'redhat.vscode-yaml';

export interface EditorFiles {
  /** Files written or brought up to date. */
  written: string[];
  /** Files left as they were, and why (in Thai and English). */
  kept: { file: string; th: string; en: string }[];
}

/** The editor copy of a kind's schema, as written to the folder. */
export function editorSchemaText(kind: string): string {
  const bundle = bundledSchema(kind)!;
  const { $comment: _, ...rest } = bundle;
  const schema = editorSchema({ $comment: `${MARK} of the schema of "kind: ${kind}" with Thai messages; rewritten by "ita-report init --editor" (do not edit)`, ...rest });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * The modeline for a document of `kind` in `fromDir`, pointing into `root`'s schema folder:
 * always relative and with forward slashes (a URI reference), on Windows too.
 */
export function modelineFor(kind: string, fromDir: string, root: string, path: nodePath.PlatformPath = nodePath): string {
  const rel = path.relative(fromDir, path.join(root, EDITOR_SCHEMA_DIR, `${kind}.schema.json`)).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${rel}`;
}

/** The line (after a BOM, if any); the line ending is left as it is. */
const MODELINE = /^(\uFEFF?)# yaml-language-server: \$schema=[^\r\n]*/m;

export function setModeline(text: string, line: string): string {
  return MODELINE.test(text) ? text.replace(MODELINE, (_, bom: string) => `${bom}${line}`) : `${line}\n${text}`;
}

function kindOf(text: string): string | undefined {
  const kind = /^kind:\s*["']?([a-z-]+)["']?\s*(#.*)?$/m.exec(text)?.[1];
  return kind && schemaKinds().includes(kind) ? kind : undefined;
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined | 'unreadable'> {
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'unreadable';
  } catch {
    // VS Code allows comments in its settings; we do not rewrite a file we cannot read whole.
    return 'unreadable';
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeAtomically(file, new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`));
}

/**
 * Writes (or refreshes) the editor files of the documents' folder `root`; with
 * `modelines`, points the modeline of every document below it at them too.
 */
export async function writeEditorFiles(root: string, opts: { modelines?: boolean } = {}): Promise<EditorFiles> {
  const result: EditorFiles = { written: [], kept: [] };
  const schemaDir = join(root, EDITOR_SCHEMA_DIR);
  await mkdir(schemaDir, { recursive: true });
  for (const kind of schemaKinds()) {
    const file = join(schemaDir, `${kind}.schema.json`);
    const text = editorSchemaText(kind);
    const existing = existsSync(file) ? await readFile(file, 'utf8') : undefined;
    if (existing === text) continue;
    if (existing !== undefined && !existing.includes(MARK)) {
      result.kept.push({ file, th: 'ไม่ใช่ไฟล์ที่ ita-report สร้าง จึงไม่เขียนทับ', en: 'not made by ita-report, so not overwritten' });
      continue;
    }
    await writeAtomically(file, new TextEncoder().encode(text));
    result.written.push(file);
  }

  // VS Code: which schema a file name gets, and the YAML extension to recommend.
  const vscode = join(root, '.vscode');
  const ours: Record<string, string[]> = Object.fromEntries(schemaKinds().map((kind) => [`./${EDITOR_SCHEMA_DIR}/${kind}.schema.json`, [`${kind}*.yaml`, `**/${kind}*.yaml`]]));
  const settingsFile = join(vscode, 'settings.json');
  const settings = await readJson(settingsFile);
  if (settings === 'unreadable') {
    result.kept.push({ file: settingsFile, th: `อ่านไฟล์ไม่ได้ (อาจมีหมายเหตุ //) จึงไม่แก้ ถ้าต้องการให้เพิ่ม "yaml.schemas": ${JSON.stringify(ours)}`, en: `cannot be read (comments?), left as it is; to add yourself: "yaml.schemas": ${JSON.stringify(ours)}` });
  } else {
    const current = settings ?? {};
    const schemas = { ...((current['yaml.schemas'] as Record<string, unknown> | undefined) ?? {}), ...ours };
    const next = { 'files.encoding': 'utf8', '[yaml]': { 'editor.insertSpaces': true, 'editor.tabSize': 2, 'editor.detectIndentation': false }, 'yaml.schemaStore.enable': false, ...current, 'yaml.schemas': schemas };
    if (JSON.stringify(next) !== JSON.stringify(settings)) {
      await mkdir(vscode, { recursive: true });
      await writeJson(settingsFile, next);
      result.written.push(settingsFile);
    }
  }
  const extensionsFile = join(vscode, 'extensions.json');
  const extensions = await readJson(extensionsFile);
  if (extensions === 'unreadable') {
    result.kept.push({ file: extensionsFile, th: `อ่านไฟล์ไม่ได้ จึงไม่แก้ ถ้าต้องการให้เพิ่ม "${YAML_EXTENSION}" ใน recommendations`, en: `cannot be read, left as it is; add "${YAML_EXTENSION}" to its recommendations yourself` });
  } else {
    const list = Array.isArray(extensions?.recommendations) ? (extensions.recommendations as unknown[]) : [];
    if (!list.includes(YAML_EXTENSION)) {
      await mkdir(vscode, { recursive: true });
      await writeJson(extensionsFile, { ...(extensions ?? {}), recommendations: [...list, YAML_EXTENSION] });
      result.written.push(extensionsFile);
    }
  }

  // Every document's first line points inside the folder (only the modeline line changes).
  if (!opts.modelines) return result;
  for (const rel of await glob('**/*.{yaml,yml}', { cwd: root, ignore: ['**/node_modules/**'], caseSensitiveMatch: false })) {
    const file = join(root, rel);
    let text: string;
    // A regular file of bounded size only (a named pipe would hang the command: load/files.ts).
    const read = await readLimited(file, LIMITS.yamlBytes);
    if (!read.ok) continue;
    try {
      // Strict UTF-8, BOM kept: a file in another encoding is not touched (it would be damaged).
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(read.bytes);
    } catch {
      continue;
    }
    const kind = kindOf(text);
    if (!kind || !MODELINE.test(text)) continue;
    const next = setModeline(text, modelineFor(kind, dirname(file), root));
    if (next === text) continue;
    // The officer's own document: changed in place unless it is read-only (batch/outputs.ts).
    const refusal = await replaceRefusal(file, true);
    if (refusal) {
      result.kept.push({ file, th: refusal.message.th, en: refusal.message.en });
      continue;
    }
    await writeAtomically(file, new TextEncoder().encode(next));
    result.written.push(file);
  }
  return result;
}
