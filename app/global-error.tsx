"use client";
import "./globals.css";

/**
 * Last resort when the root layout itself failed: no translations are loaded at that point, so the
 * message stands in both languages. Database outages normally surface in app/error.tsx instead,
 * because the root layout does not need the database.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">
        <main className="mx-auto max-w-md px-4 py-16 text-center" data-testid="error-page" role="alert">
          <title>Vesting Desk · 归属台</title>
          <h1 className="text-xl font-semibold">页面出错了 · Something went wrong</h1>
          <p className="mt-3 text-slate-600">请稍后重试；如果问题持续，请联系管理员。</p>
          <p className="mt-1 text-slate-600">
            Please try again shortly; if it keeps happening, contact your administrator.
          </p>
          <button
            type="button"
            onClick={() => retry()}
            data-testid="error-retry"
            className="mt-6 rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white"
          >
            重试 · Try again
          </button>
          {digest && <p className="mt-4 text-xs text-slate-400">{digest}</p>}
        </main>
      </body>
    </html>
  );
}
