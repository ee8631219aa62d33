import "server-only";
/**
 * One session check per request. The layout, the page and the language settings of a page each ask who
 * is signed in, and a page may want its own data in the same round trip (a read joined to the check).
 * The batch collects what is asked until the event loop turns, then answers everyone from one statement:
 * on a small machine a statement costs more in the round trip than PostgreSQL spends answering it.
 * A joined read asked for after the statement left is not in it; its caller reads it on its own.
 */
export interface SessionBatch<C, R> {
  /** The batch's result, and whether the joined read (if any) is part of it. */
  join(joinedRead: C | null): { result: Promise<R>; included: boolean };
}

/** Creates a batch that runs `check` with every read joined before `defer` fires. */
export function sessionBatch<C, R>(
  check: (joinedReads: C[]) => Promise<R>,
  defer: (send: () => void) => void,
): SessionBatch<C, R> {
  const joinedReads = new Set<C>();
  let sent = false;
  let result: Promise<R> | null = null;
  return {
    join(joinedRead) {
      if (!sent && joinedRead !== null) joinedReads.add(joinedRead);
      result ??= new Promise<void>((resolve) => defer(resolve)).then(() => {
        sent = true;
        return check([...joinedReads]);
      });
      return { result, included: joinedRead === null || joinedReads.has(joinedRead) };
    },
  };
}
