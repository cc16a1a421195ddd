/** Page sizes and the check of the Relay pagination arguments. */
import { BadUserInputError } from '../../errors/app-error.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Checks the page sizes: BAD_USER_INPUT naming the argument when out of range or both given. */
export function validatePageRequest(request: PageRequest): void {
  for (const argument of ['first', 'last'] as const) {
    const value = request[argument];
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE))
      throw new BadUserInputError(`Invalid \`${argument}\`: an integer from 0 to ${MAX_PAGE_SIZE}.`, {
        extensions: { argument },
      });
  }
  if (request.first != null && request.last != null)
    throw new BadUserInputError('Pass `first` or `last`, not both.', { extensions: { argument: 'last' } });
}
