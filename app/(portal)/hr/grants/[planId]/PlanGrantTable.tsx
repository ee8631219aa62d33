import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { GrantDto } from "@/lib/features/grants/readModel/grantReads";
import { PLAN_GRANT_STATUSES, type PlanGrantsQuery } from "@/lib/features/grants/planGrantListQuery";
import type { Page } from "@/lib/platform/pagination/keysetCursor";
import { formatShares } from "../../../_components/format";

const TRANCHE_STATUSES = ["pending", "vestable", "vested", "lapsed"] as const;

/** The filters the table's links keep (the cursor is the only thing a page link changes). */
const FILTERS = ["q", "batch", "categoryId", "status"] as const;

/**
 * The plan's grants a page at a time: search by employee no. or name, filter by batch, category and
 * status (not yet accepted, or a tranche in a status), and "next page" / "first page" links that keep them.
 */
export async function PlanGrantTable(props: {
  planId: string;
  page: Page<GrantDto>;
  query: PlanGrantsQuery;
  categories: { id: string; label: string }[];
  locale: Locale;
}) {
  const { planId, page, query, categories, locale } = props;
  const t = await getTranslations("hrGrants");
  const tg = await getTranslations();
  const n = (v: number) => formatShares(v, locale);
  const keep = (extra: Record<string, string>) => {
    const s = new URLSearchParams();
    for (const k of FILTERS) if (query[k]) s.set(k, String(query[k]));
    for (const [k, v] of Object.entries(extra)) s.set(k, v);
    return `/hr/grants/${planId}?${s.toString()}#grant-list`;
  };
  const field = "rounded-md border border-slate-300 px-3 py-2 text-base";
  const cell = "px-3 py-2";
  const trancheSummary = (g: GrantDto) =>
    TRANCHE_STATUSES.map((s) => [s, g.tranches.filter((x) => x.status === s).length] as const)
      .filter(([, count]) => count > 0)
      .map(([s, count]) => `${count} ${tg(`status.${s}`)}`)
      .join(" · ");
  return (
    <section className="space-y-3" id="grant-list" data-testid="grant-list">
      <h2 className="text-lg font-semibold">{t("grantList.title")}</h2>
      <form method="get" action="#grant-list" className="flex flex-col gap-2 sm:flex-row sm:flex-wrap" role="search">
        <input
          name="q"
          defaultValue={query.q ?? ""}
          placeholder={t("grantList.searchPlaceholder")}
          aria-label={t("grantList.searchPlaceholder")}
          maxLength={60}
          className={`min-w-0 flex-1 ${field}`}
          data-testid="grant-search"
        />
        <select name="batch" defaultValue={query.batch ?? ""} className={field} aria-label={t("batch")}>
          <option value="">{t("grantList.anyBatch")}</option>
          <option value="first">{t("batches.first")}</option>
          <option value="reserved">{t("batches.reserved")}</option>
        </select>
        <select name="categoryId" defaultValue={query.categoryId ?? ""} className={field} aria-label={t("category")}>
          <option value="">{t("grantList.anyCategory")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <select
          name="status"
          defaultValue={query.status ?? ""}
          className={field}
          aria-label={t("grantList.status")}
          data-testid="grant-status-filter"
        >
          <option value="">{t("grantList.anyStatus")}</option>
          {PLAN_GRANT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`grantList.statuses.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white">
          {t("grantList.search")}
        </button>
      </form>
      {page.items.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="grant-list-empty">
          {t("grantList.none")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="grant-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={cell}>{t("employeeNo")}</th>
                <th className={cell}>{t("name")}</th>
                <th className={cell}>{t("batch")}</th>
                <th className={`${cell} hidden md:table-cell`}>{t("category")}</th>
                <th className={`${cell} text-right`}>{t("quantity")}</th>
                <th className={cell}>{t("grantList.accepted")}</th>
                <th className={`${cell} hidden md:table-cell`}>{t("grantList.tranches")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((g) => (
                <tr key={g.id} data-testid="grant-row">
                  <td className={`${cell} whitespace-nowrap tabular`}>{g.employeeNo}</td>
                  <td className={`${cell} whitespace-nowrap`}>{g.personName}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {t(`batches.${g.batch}`)} · <span className="tabular">{g.grantDate}</span>
                  </td>
                  <td className={`${cell} hidden md:table-cell`}>
                    {locale === "en" ? g.categoryNameEn : g.categoryName}
                  </td>
                  <td className={`${cell} text-right tabular`}>{n(g.quantity)}</td>
                  <td className={`${cell} whitespace-nowrap tabular`}>
                    {g.acceptedAt ? g.acceptedAt.slice(0, 10) : t("grantList.notAccepted")}
                  </td>
                  <td className={`${cell} hidden md:table-cell`}>{trancheSummary(g)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex items-center justify-between text-sm" aria-label={t("grantList.pages")}>
        <span className="text-slate-600">{t("grantList.shown", { count: page.items.length })}</span>
        <span className="flex gap-3">
          {query.cursor && (
            <Link href={keep({})} className="text-brand-700 hover:underline" data-testid="grant-first">
              {t("grantList.firstPage")}
            </Link>
          )}
          {page.nextCursor && (
            <Link
              href={keep({ cursor: page.nextCursor })}
              className="text-brand-700 hover:underline"
              data-testid="grant-next"
            >
              {t("grantList.nextPage")}
            </Link>
          )}
        </span>
      </nav>
    </section>
  );
}
