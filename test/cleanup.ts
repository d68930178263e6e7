/**
 * Removes the temporary folders a test file made (tempDir in helpers.ts) once its tests are
 * done: every run of the suite left several hundred behind in the system's temporary folder.
 * A folder a test made unreadable is left if it cannot be removed; that is no test's failure.
 */
import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { madeDirs } from './helpers.js';

afterAll(() => {
  for (const dir of madeDirs.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Left for the system to clean.
    }
  }
});
