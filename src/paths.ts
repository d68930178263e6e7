/** Where the tool's own files live, whether run from src/ (tests) or dist/ (the CLI). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const SCHEMA_DIR = join(PACKAGE_ROOT, 'schemas');
export const TEMPLATE_DIR = join(PACKAGE_ROOT, 'templates');
/** Resolved through Node so it works when npm hoists the font package above us. */
export const FONT_DIR = dirname(createRequire(import.meta.url).resolve('@fontsource/sarabun/package.json'));
export const TOOL_VERSION: string = (createRequire(import.meta.url)(join(PACKAGE_ROOT, 'package.json')) as { version: string }).version;
/** The commented documents `ita-report init` writes. */
export const STARTER_DIR = join(PACKAGE_ROOT, 'starters');
