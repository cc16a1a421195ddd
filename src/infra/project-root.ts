import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder that holds Capgate's package.json, found from this file (works from `src/` and `dist/`). */
export function projectRoot(): string {
  if (cached) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json')) || !existsSync(path.join(directory, 'tools'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('Cannot find the Capgate project root');
    directory = parent;
  }
  cached = directory;
  return directory;
}
