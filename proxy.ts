import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE, toLocale } from "@/i18n/locales";
import { databaseKnownDown } from "@/lib/platform/databaseOutage";
import { OUTAGE_RETRY_SECONDS, outagePageHtml } from "@/lib/platform/http/outagePage";
import { newNonce, pageContentSecurityPolicy } from "@/lib/platform/http/securityHeaders";

// Optimistic only: a request without a session cookie is sent to the login page. Every real check
// (session, role, ownership) happens in the data-access layer, because a request can skip this.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** Pages anyone may open without a session: sign-in, setting a password from an invitation, the benchmark floor. */
const PUBLIC_PAGE_PREFIXES = ["/login", "/set-password", "/bench"];

/** True for /login and anything below it, but not for /loginfoo. */
function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * Every page: a fresh nonce and the page CSP, on the request (Next reads the nonce from the request's
 * CSP header and stamps it on its own scripts) and on the response; then the login redirect.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");

  if (!isPublicPage(request.nextUrl.pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    const redirect = NextResponse.redirect(url);
    redirect.headers.set("Content-Security-Policy", csp);
    return redirect;
  }

  // A page's render cannot answer anything but 500 when its queries fail, so while the data layer
  // knows the database is down the proxy answers 503 itself (and the data layer probes for recovery).
  if (databaseKnownDown()) {
    // The language cookie, as the portal reads it before sign-in (the user's saved choice is in the database).
    const locale = toLocale(request.cookies.get(LOCALE_COOKIE)?.value);
    return new NextResponse(outagePageHtml(locale, request.nextUrl.pathname + request.nextUrl.search), {
      status: 503,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Retry-After": String(OUTAGE_RETRY_SECONDS),
        "Content-Security-Policy": csp,
      },
    });
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Every page (public ones too, for their CSP); not the API (its CSP comes from next.config.js and it
  // answers 401 itself) nor static assets. Prefetches are matched on purpose: an anonymous prefetch
  // must be redirected like any other page request.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
