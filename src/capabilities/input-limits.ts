/**
 * The caps on every string and list of every capability input, in one place: the parsers enforce
 * them (BAD_USER_INPUT beyond, with a message that never echoes the oversized value) and the
 * GraphQL descriptions state them. The body limit is only the outer bound; these keep one request's
 * work proportional to what the capability needs.
 */
import { BadUserInputError } from '../errors/app-error.js';

export const INPUT_LIMITS = {
  /** `text` of summarize, analyze and classify. */
  textCharacters: 1_000_000,
  summarize: { languageCharacters: 35 },
  analyze: { aspects: 16 },
  classify: {
    labels: 100,
    labelCharacters: 200,
    examples: 200,
    exampleCharacters: 2_000,
    /** All example texts together. */
    examplesTotalCharacters: 100_000,
    labelDescriptionCharacters: 1_000,
  },
  retrieve: {
    knowledgeBaseCharacters: 64,
    queryCharacters: 10_000,
    filterFields: 20,
    filterKeyCharacters: 100,
    filterValues: 100,
    filterValueCharacters: 1_000,
  },
  /** ingestDocuments: per document (the text limit and the documents per call are the knowledge service's). */
  document: { titleCharacters: 500, metadataCharacters: 10_000 },
  /** Any JSON input (custom capability `input`, `filter`, `metadata`). */
  json: { depth: 32, characters: 1_000_000 },
} as const;

/** A short, safe rendering of a caller's value for an error message (never the whole of it). */
export function excerpt(value: string, length = 40): string {
  return JSON.stringify(value.length > length ? `${value.slice(0, length)}…` : value);
}

export function assertMaxLength(value: string, maximum: number, what: string): void {
  if (value.length > maximum) {
    throw new BadUserInputError(`${what} is too long: at most ${maximum} characters.`);
  }
}

export function assertMaxItems(list: readonly unknown[], maximum: number, what: string): void {
  if (list.length > maximum) throw new BadUserInputError(`${what}: at most ${maximum} items.`);
}

/**
 * Depth of a JSON value, walked without recursion, stopping as soon as `limit` is passed (so a
 * 10,000-deep value costs no more than a `limit`-deep one). Returns true when within the limit.
 */
export function jsonDepthWithin(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return false;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return true;
}

/** Bounds a JSON input's nesting and size; BAD_USER_INPUT beyond. */
export function assertJsonWithinLimits(value: unknown, what: string): void {
  if (!jsonDepthWithin(value, INPUT_LIMITS.json.depth)) {
    throw new BadUserInputError(`${what} is nested deeper than ${INPUT_LIMITS.json.depth} levels.`);
  }
  const characters = JSON.stringify(value)?.length ?? 0;
  if (characters > INPUT_LIMITS.json.characters) {
    throw new BadUserInputError(
      `${what} is too large: at most ${INPUT_LIMITS.json.characters} characters of JSON.`,
    );
  }
}

/** ingestDocuments: each document's title and metadata within the caps. */
export function assertDocumentsWithinLimits(
  documents: readonly { title?: string | null; metadata?: unknown }[],
): void {
  documents.forEach((document, index) => {
    if (document.title) {
      assertMaxLength(document.title, INPUT_LIMITS.document.titleCharacters, `documents[${index}].title`);
    }
    if (document.metadata !== undefined && document.metadata !== null) {
      assertJsonWithinLimits(document.metadata, `documents[${index}].metadata`);
      if (JSON.stringify(document.metadata).length > INPUT_LIMITS.document.metadataCharacters) {
        throw new BadUserInputError(
          `documents[${index}].metadata is too large: at most ${INPUT_LIMITS.document.metadataCharacters} characters of JSON.`,
        );
      }
    }
  });
}

/** The description of the `input: JSON` argument of `invoke`, `startRun` and `invokeStream`. */
export const JSON_INPUT_DESCRIPTION =
  "The capability's input: for a built-in, its typed input's fields and caps; for a custom capability, " +
  `a value valid against its inputSchema, at most ${INPUT_LIMITS.json.characters} characters of JSON ` +
  `and ${INPUT_LIMITS.json.depth} levels deep (BAD_USER_INPUT beyond).`;
