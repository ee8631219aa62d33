import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ObjectionInboxQuery } from "@/lib/features/publicity/schemas";

const STATUSES = ["open", "answered", "upheld"] as const;

/** The inbox's address with its search and status kept; only the cursor changes between pages. */
export function inboxHref(periodId: string, query: ObjectionInboxQuery, cursor?: string): string {
  const s = new URLSearchParams();
  if (query.q) s.set("q", query.q);
  if (query.status) s.set("status", query.status);
  if (cursor) s.set("cursor", cursor);
  const qs = s.toString();
  return `/hr/publicity/${periodId}${qs ? `?${qs}` : ""}#inbox`;
}

/** Search the inbox by receipt no., text or filer, and narrow it to one status: a plain GET form. */
export async function InboxFilterForm({ periodId, query }: { periodId: string; query: ObjectionInboxQuery }) {
  const t = await getTranslations("hrPublicity");
  const field = "rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <form
      method="get"
      action={`/hr/publicity/${periodId}#inbox`}
      className="flex flex-col gap-2 sm:flex-row sm:flex-wrap"
      role="search"
    >
      <input
        name="q"
        defaultValue={query.q ?? ""}
        placeholder={t("detail.searchPlaceholder")}
        maxLength={100}
        className={`min-w-0 flex-1 ${field}`}
        aria-label={t("detail.searchPlaceholder")}
        data-testid="objection-search"
      />
      <select
        name="status"
        defaultValue={query.status ?? ""}
        className={field}
        aria-label={t("detail.statusFilter")}
        data-testid="objection-status-filter"
      >
        <option value="">{t("detail.anyStatus")}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`objectionStatus.${s}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white">
        {t("detail.search")}
      </button>
    </form>
  );
}

/** How many this page shows, with first-page and next-page links that keep the filters. */
export async function InboxPager({
  periodId,
  query,
  shown,
  nextCursor,
}: {
  periodId: string;
  query: ObjectionInboxQuery;
  shown: number;
  nextCursor: string | null;
}) {
  const t = await getTranslations("hrPublicity");
  return (
    <nav className="flex items-center justify-between text-sm" aria-label={t("detail.pages")}>
      <span className="text-slate-600">{t("detail.shown", { count: shown })}</span>
      <span className="flex gap-3">
        {query.cursor && (
          <Link
            href={inboxHref(periodId, query)}
            className="text-brand-700 hover:underline"
            data-testid="objection-first"
          >
            {t("detail.firstPage")}
          </Link>
        )}
        {nextCursor && (
          <Link
            href={inboxHref(periodId, query, nextCursor)}
            className="text-brand-700 hover:underline"
            data-testid="objection-next"
          >
            {t("detail.nextPage")}
          </Link>
        )}
      </span>
    </nav>
  );
}
