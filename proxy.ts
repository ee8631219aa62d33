import { NextResponse, type NextRequest } from "next/server";

// Optimistic only: a request without a session cookie is sent to the login page. Every real check
// (session, role, ownership) happens in the data-access layer, because a request can skip this.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  // Pages only: the API answers 401 itself, and login, auth and static assets stay public.
  matcher: ["/((?!api|login|bench|_next/static|_next/image|favicon.ico).*)"],
};
