/**
 * Architecture rules that the compiler does not check (ARCHITECTURE.md "Stores"):
 * - MongoDB is reached only through `src/store`: no other file imports mongoose or the driver, or
 *   touches a collection directly.
 * - There is one index-sync routine (`Store.syncIndexes`), called once at start by the composition
 *   root; no other code creates indexes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/infra/project-root.js';

const root = projectRoot();
const sourceRoot = path.join(root, 'src');

/**
 * Files outside `src/store` allowed to use MongoDB directly, each with its reason. Empty today:
 * add an entry only with a justification that a reviewer accepts.
 */
const ALLOWED: ReadonlyMap<string, string> = new Map();

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(sourceRoot).map((file) => ({
  file: path.relative(root, file).split(path.sep).join('/'),
  text: readFileSync(file, 'utf8'),
}));
const inStore = (file: string) => file.startsWith('src/store/');

/** An import (static, type-only, dynamic or require) of mongoose or the MongoDB driver. */
const MONGO_IMPORT =
  /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"](?:mongoose|mongodb)(?:\/[^'"]*)?['"]/;
/** Direct collection or database access through a connection. */
const DIRECT_ACCESS = /\.collection\s*[<(]|\.db!?\.(?:admin|collection|command)\b|\.createIndexes\s*\(/;

describe('architecture: persistence stays in src/store', () => {
  it('scans the sources (the rule below cannot pass on an empty list)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter(({ file }) => inStore(file)).length).toBeGreaterThan(10);
    // The patterns do match what the store itself does.
    expect(files.some(({ file, text }) => inStore(file) && MONGO_IMPORT.test(text))).toBe(true);
    expect(files.some(({ file, text }) => inStore(file) && DIRECT_ACCESS.test(text))).toBe(true);
  });

  it('no file outside src/store imports mongoose or the MongoDB driver', () => {
    const offenders = files
      .filter(({ file, text }) => !inStore(file) && !ALLOWED.has(file) && MONGO_IMPORT.test(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('no file outside src/store reaches a collection, the database or indexes directly', () => {
    const offenders = files
      .filter(({ file, text }) => !inStore(file) && !ALLOWED.has(file) && DIRECT_ACCESS.test(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('indexes are synced by one routine, called once, at start', () => {
    const calls = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\.syncIndexes\s*\(/g)].map(() => file),
    );
    expect(calls).toEqual(['src/app.ts']);
  });

  it('every allowed exception names an existing file and a reason', () => {
    for (const [file, reason] of ALLOWED) {
      expect(files.some((source) => source.file === file)).toBe(true);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});
