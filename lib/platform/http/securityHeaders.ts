import "server-only";
/**
 * The page Content-Security-Policy with a per-request nonce, built by proxy.ts. Headers that do not
 * change per request (API CSP, HSTS over HTTPS, nosniff...) live in next.config.js. No imports, so
 * the proxy bundle stays small.
 */

/** A fresh, unguessable nonce: 16 random bytes, base64 (what CSP's nonce-source expects). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The CSP of every page. Scripts run only with this response's nonce; 'strict-dynamic' lets those
 * scripts load Next's chunks without listing them. Styles keep 'unsafe-inline': React renders
 * `style={{ width: … }}` attributes (progress bars) and Next injects inline style tags, and
 * nonces cannot cover style attributes. Inline styles cannot run code, so scripts stay strict.
 * Development adds 'unsafe-eval', which React uses there for error stacks (never in production).
 */
export function pageContentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** The nonce inside a CSP header value, if any (what Next reads to stamp its scripts). */
export function nonceOf(csp: string | null | undefined): string | null {
  return /'nonce-([^']+)'/.exec(csp ?? "")?.[1] ?? null;
}
