/**
 * Browser origin policy for WebSocket upgrades (CSRF prevention covers HTTP only): no Origin header
 * (a server-side client) is fine; a browser origin must be the same origin or an allowed one.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
