/**
 * Credentials belong in a provider's write-only `apiKey` or `headers`, never in its `baseUrl`,
 * which every VIEWER can read. These find them: user info (`https://user:pass@host`) and query
 * parameters named like a credential (`?key=`, `?api_key=`, `?token=`, `?sig=`…) or whose value looks
 * like one (`sk-…`, long random strings). `?api-version=2024-10-21` stays allowed.
 */
import { isSecretFieldName } from '../governance/audit/redact-secrets.js';

const CREDENTIAL_QUERY_NAMES = new Set(['sig', 'signature', 'code', 'auth', 'apikey', 'access_token']);
const KEY_PREFIX = /^(sk|pk|rk|xox[abp]|gh[pousr]|AIza|cg)[-_]/i;

function looksLikeCredentialValue(value: string): boolean {
  if (KEY_PREFIX.test(value)) return true;
  // Long, unbroken, mixed letters and digits: a key or token rather than a version or a name.
  return (
    value.length >= 20 && /^[A-Za-z0-9_\-.~+/=]+$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value)
  );
}

function isCredentialParameter(name: string, value: string): boolean {
  return (
    isSecretFieldName(name) ||
    CREDENTIAL_QUERY_NAMES.has(name.toLowerCase()) ||
    looksLikeCredentialValue(value)
  );
}

/** What is wrong with `url` as a place for credentials, or undefined when it holds none. */
export function baseUrlCredentialProblem(url: URL): string | undefined {
  if (url.username || url.password) return 'baseUrl: put credentials in apiKey or headers, not in the URL';
  for (const [name, value] of url.searchParams) {
    if (isCredentialParameter(name, value)) {
      return `baseUrl: the query parameter "${name.slice(0, 40)}" looks like a credential; put it in apiKey or headers`;
    }
  }
  return undefined;
}

/** The URL as readers may see it: user info and credential-looking query values replaced. */
export function redactBaseUrl(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (url.username) url.username = 'redacted';
  if (url.password) url.password = 'redacted';
  for (const [name, value] of [...url.searchParams]) {
    if (isCredentialParameter(name, value)) url.searchParams.set(name, 'redacted');
  }
  return url.toString().replace(/\/$/, baseUrl.endsWith('/') ? '/' : '');
}
