import { z } from 'zod';
import { BadUserInputError } from '../../errors/app-error.js';
import type { ProviderConnection } from '../provider.types.js';

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), { message: 'must be an http(s) URL' });

const connectionSchema = z.object({
  name: z.string().min(1),
  baseUrl: httpUrl.optional(),
  apiKey: z.string().optional(),
  headers: z.record(z.string()).optional(),
});

/** A validated `ProviderConnection`, with the kind's default base URL applied. */
export interface ConnectionSettings {
  name: string;
  /** Origin and path, without a trailing slash or query: `https://api.openai.com/v1`. */
  baseUrl: string;
  /** `https://api.openai.com` */
  origin: string;
  /** `/v1`, or `''` for a bare origin. */
  basePath: string;
  /** The base URL's query, appended to every request path (`?api-version=…` for Azure), or `''`. */
  query: string;
  /** Undefined when unset or empty. */
  apiKey: string | undefined;
  /** Extra headers, names lower-cased so that they override ours predictably. */
  headers: Record<string, string>;
  /** Strings no error message may contain: the API key and every header value. */
  secrets: string[];
}

export function parseConnectionSettings(
  connection: ProviderConnection,
  defaultBaseUrl: string,
): ConnectionSettings {
  const parsed = connectionSchema.safeParse(connection);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new BadUserInputError(`Invalid provider connection "${connection.name}": ${problems.join('; ')}`);
  }
  const { name, baseUrl, apiKey, headers = {} } = parsed.data;
  const url = new URL(baseUrl ?? defaultBaseUrl);
  const basePath = url.pathname.replace(/\/+$/, '');
  const key = apiKey === '' ? undefined : apiKey;
  const lowerCaseHeaders = Object.fromEntries(
    Object.entries(headers).map(([header, value]) => [header.toLowerCase(), value]),
  );
  return {
    name,
    baseUrl: `${url.origin}${basePath}`,
    origin: url.origin,
    basePath,
    query: url.search,
    apiKey: key,
    headers: lowerCaseHeaders,
    // Header values are write-only like the key: an upstream that echoes one must not reveal it.
    secrets: [...(key === undefined ? [] : [key]), ...Object.values(lowerCaseHeaders)],
  };
}
