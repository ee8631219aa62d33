import "server-only";
import type { Locale } from "@/i18n/locales";

/** Seconds after which the page reloads itself (and the Retry-After a client is told). */
export const OUTAGE_RETRY_SECONDS = 5;

const TEXTS: Record<Locale, { lang: string; title: string; body: string; retry: string }> = {
  "zh-CN": {
    lang: "zh-CN",
    title: "数据库暂时无法访问",
    body: "服务器暂时连接不到数据库，您的数据不受影响。恢复后本页会自动重新加载。",
    retry: "立即重试",
  },
  en: {
    lang: "en",
    title: "The database is temporarily unavailable",
    body: "The server cannot reach its database right now; your data is safe. This page reloads by itself once it is back.",
    retry: "Try again now",
  },
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeAttribute = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The page proxy.ts answers with (503) while the database is known to be down. Plain HTML with no
 * script: it reloads itself with a meta refresh, so it works under the strict CSP and needs nothing
 * from the server that is failing.
 */
export function outagePageHtml(locale: Locale, path: string): string {
  const t = TEXTS[locale];
  const href = path.startsWith("/") && !path.startsWith("//") ? escapeAttribute(path) : "/";
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${OUTAGE_RETRY_SECONDS}">
<meta name="robots" content="noindex">
<title>${t.title} · Vesting Desk</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:32rem;margin:15vh auto 0;padding:1.5rem}
.card{background:#fff;border:1px solid #fcd34d;border-radius:.75rem;padding:1.5rem;box-shadow:0 1px 2px rgba(0,0,0,.05)}
h1{font-size:1.25rem;margin:0 0 .75rem}
p{line-height:1.6;margin:0 0 1rem;color:#334155}
a{display:inline-block;background:#0f172a;color:#fff;text-decoration:none;padding:.6rem 1rem;border-radius:.5rem}
</style>
</head>
<body>
<main>
<div class="card" role="alert" data-testid="database-unavailable">
<h1>${t.title}</h1>
<p>${t.body}</p>
<a href="${href}">${t.retry}</a>
</div>
</main>
</body>
</html>
`;
}
