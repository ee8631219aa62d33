import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Per-request memory for route handlers, where React's cache() does not memoise: route() runs each
 * request inside one, so that the access check and a query that reads its data with the session check
 * share that one statement (see session.ts). Holds nothing across requests.
 */
const scope = new AsyncLocalStorage<Map<string, unknown>>();

/** Runs `fn` in a fresh request scope. */
export function inRequestScope<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), fn);
}

/** The value kept under `key` in this request's scope, made by `make` on first use; uncached outside a scope. */
export function requestScoped<T>(key: string, make: () => T): T {
  const store = scope.getStore();
  if (!store) return make();
  if (!store.has(key)) store.set(key, make());
  return store.get(key) as T;
}
