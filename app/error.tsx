"use client";
import { useEffect, useRef, useState } from "react";
import { useLocale } from "next-intl";

// How often the page asks whether the database is back while it shows the outage message.
const RECHECK_MS = 5000;

// Kept here rather than in messages/: this page must render whatever failed, with no server round trip.
const TEXTS = {
  "zh-CN": {
    dbTitle: "数据库暂时无法访问",
    dbBody: "服务器暂时连接不到数据库，您的数据不受影响。恢复后本页会自动重新加载；也可以稍后点“重试”。",
    title: "页面出错了",
    body: "处理请求时出现意外错误。请重试；如果问题持续，请联系管理员并提供下方的错误编号。",
    checking: "正在检查服务状态…",
    retry: "重试",
    reference: "错误编号",
  },
  en: {
    dbTitle: "The database is temporarily unavailable",
    dbBody:
      "The server cannot reach its database right now; your data is safe. This page reloads by itself once it is back, or press Try again later.",
    title: "Something went wrong",
    body: "An unexpected error occurred. Please try again; if it keeps happening, contact your administrator with the reference below.",
    checking: "Checking the service…",
    retry: "Try again",
    reference: "Reference",
  },
} as const;

type Cause = "checking" | "database" | "other";

/** The health endpoint answers 503 exactly when the database is out of reach. */
async function databaseDown(): Promise<boolean> {
  try {
    return (await fetch("/api/v1/health", { cache: "no-store" })).status === 503;
  } catch {
    return false;
  }
}

/**
 * Any page that failed to render. Server errors reach the browser without their message (Next hides
 * it in production), so the page asks the health endpoint whether the database is the cause; if so
 * it says so and retries by itself once the database answers again.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = TEXTS[useLocale() === "en" ? "en" : "zh-CN"];
  const [cause, setCause] = useState<Cause>("checking");
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  // Kept across re-renders: `retry` may be a new function each render, and an outage seen before a
  // re-render must still trigger the retry once the database is back.
  const retryRef = useRef(retry);
  const wasDown = useRef(false);
  useEffect(() => {
    retryRef.current = retry;
  }, [retry]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const down = await databaseDown();
      if (stopped) return;
      if (down) {
        wasDown.current = true;
        setCause("database");
        timer = setTimeout(check, RECHECK_MS);
      } else if (wasDown.current) {
        // The database is back: render the page again rather than leave the outage notice up. Should
        // the page still fail, the next check says why.
        wasDown.current = false;
        setCause("checking");
        retryRef.current();
        timer = setTimeout(check, RECHECK_MS);
      } else {
        setCause("other");
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [error]);

  const database = cause === "database";
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center" data-testid="error-page" data-cause={cause} role="alert">
      <h1
        className="text-xl font-semibold text-brand-900"
        data-testid={database ? "database-unavailable" : "error-title"}
      >
        {cause === "checking" ? t.checking : database ? t.dbTitle : t.title}
      </h1>
      {cause !== "checking" && <p className="mt-3 text-slate-600">{database ? t.dbBody : t.body}</p>}
      <button
        type="button"
        onClick={() => retry()}
        data-testid="error-retry"
        className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t.retry}
      </button>
      {digest && !database && (
        <p className="mt-4 text-xs text-slate-400">
          {t.reference}: {digest}
        </p>
      )}
    </main>
  );
}
