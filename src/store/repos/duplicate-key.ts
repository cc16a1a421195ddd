/** Whether a write failed on a unique index (MongoDB and FerretDB both answer code 11000). */
export function isDuplicateKey(error: unknown): boolean {
  return error !== null && typeof error === 'object' && (error as { code?: unknown }).code === 11000;
}
