import "server-only";
import type { ReactNode } from "react";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import { ACCESS_ROLES, type Access } from "./access";

type Search = Record<string, string | string[] | undefined>;

/** What a page's render receives: the admitted user and the route's segments. */
export interface PageContext<A extends Access, P> {
  user: A extends "public" | "secondFactorPending" | "enrolment" ? SessionUser | null : SessionUser;
  params: Record<string, string>;
  searchParams: Search;
  preloaded: P;
}

export interface PageSpec<A extends Access, P> {
  access: A;
  /** A read that authorizes itself and travels with the session check when asked for first (see route()). */
  preload?: () => Promise<P>;
}

/**
 * The one way into a page: anonymous visitors of a non-public page go to /login, a role that may not see
 * it gets 404 (as for anything not theirs to see), then the page renders for the admitted user.
 * The access is declared here, in the page file, where the authorization-matrix test reads it.
 */
export function page<const A extends Access, P = undefined>(
  spec: PageSpec<A, P>,
  render: (ctx: PageContext<A, P>) => Promise<ReactNode>,
) {
  return async function Page(props: { params: Promise<Record<string, string>>; searchParams: Promise<Search> }) {
    const preload = spec.preload?.();
    preload?.catch(() => undefined);
    const roles = ACCESS_ROLES[spec.access];
    // The second-factor step reads the pending sign-in itself: it has no signed-in user yet.
    const ownCheck = roles === null || spec.access === "secondFactorPending" || spec.access === "enrolment";
    const user: SessionUser | null = ownCheck ? null : await requirePageUser(...roles);
    const [params, searchParams] = await Promise.all([props.params, props.searchParams]);
    const preloaded = (preload ? await preload : undefined) as P;
    return render({ user, params, searchParams, preloaded } as PageContext<A, P>);
  };
}
