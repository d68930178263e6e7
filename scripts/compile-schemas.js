#!/usr/bin/env node
// Part of `npm run build`: compiles schemas/*.schema.json into dist/validate/compiled-schemas.js
// (ajv's standalone code), so that validating a document loads no schema compiler.
import { writeFileSync } from 'node:fs';
import { compiledModule } from '../dist/validate/compile.js';
import { schemaHash } from '../dist/validate/schema.js';
import { schemaTexts } from '../dist/validate/schema-files.js';

const files = schemaTexts();
writeFileSync(new URL('../dist/validate/compiled-schemas.js', import.meta.url), await compiledModule(files, schemaHash(files)));
