import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ListEntriesPage } from "@/lib/features/participants/listEntryPages";
import type { ListEntriesQuery } from "@/lib/features/participants/listEntriesQuery";

/**
 * The entries of one list version a page at a time: search by employee no. or name, filter by category,
 * and "next page" / "first page" links that keep the search, the version and the page's other parameters.
 */
export async function ListEntriesTable(props: {
  entries: ListEntriesPage;
  query: ListEntriesQuery;
  categories: { id: string; code: number; label: string }[];
  /** The page's address with these parameters (the version shown and the diff's are added by the page). */
  hrefWith: (params: Record<string, string>) => string;
  /** The page's parameters that are not this table's (the diff's), kept by the search form. */
  hidden: Record<string, string>;
  n: (quantity: number) => string;
}) {
  const { entries, query, categories, hrefWith, hidden, n } = props;
  const t = await getTranslations("hrParticipants");
  if (entries.version === null) return null;
  const labelOf = new Map(categories.map((c) => [c.code, c.label]));
  const filters: Record<string, string> = {};
  if (query.q) filters.q = query.q;
  if (query.categoryId) filters.categoryId = query.categoryId;
  const field = "rounded-md border border-slate-300 px-3 py-2 text-base";
  const cell = "px-3 py-2";
  return (
    <section className="space-y-3" id="list-entries" data-testid="list-entries">
      <h2 className="font-semibold">
        {t("entries.title", { batch: t(`batch.${entries.batch}`), version: entries.version })}
      </h2>
      <form method="get" action="#list-entries" className="flex flex-col gap-2 sm:flex-row sm:flex-wrap" role="search">
        {Object.entries({ ...hidden, listBatch: entries.batch, listVersion: String(entries.version) }).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input
          name="q"
          defaultValue={query.q ?? ""}
          placeholder={t("entries.searchPlaceholder")}
          aria-label={t("entries.searchPlaceholder")}
          maxLength={60}
          className={`min-w-0 flex-1 ${field}`}
          data-testid="entries-search"
        />
        <select
          name="categoryId"
          defaultValue={query.categoryId ?? ""}
          className={field}
          aria-label={t("columns.category")}
        >
          <option value="">{t("entries.anyCategory")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white">
          {t("entries.search")}
        </button>
      </form>
      {entries.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("entries.none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[560px] text-left text-sm" data-testid="entries-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className={cell}>{t("columns.employeeNo")}</th>
                <th className={cell}>{t("columns.name")}</th>
                <th className={cell}>{t("columns.nationality")}</th>
                <th className={cell}>{t("columns.position")}</th>
                <th className={cell}>{t("columns.category")}</th>
                <th className={`${cell} text-right`}>{t("columns.quantity")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.items.map((e) => (
                <tr key={e.personId} data-testid="entry-row">
                  <td className={`${cell} tabular`}>{e.employeeNo}</td>
                  <td className={cell}>{e.name}</td>
                  <td className={cell}>{e.nationality}</td>
                  <td className={cell}>{e.position}</td>
                  <td className={cell}>{labelOf.get(e.categoryCode) ?? String(e.categoryCode)}</td>
                  <td className={`${cell} text-right tabular`}>{n(e.quantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex items-center justify-between text-sm" aria-label={t("entries.pages")}>
        <span className="text-slate-600">{t("entries.shown", { count: entries.items.length })}</span>
        <span className="flex gap-3">
          {query.cursor && (
            <Link href={hrefWith(filters)} className="text-brand-700 hover:underline" data-testid="entries-first">
              {t("entries.firstPage")}
            </Link>
          )}
          {entries.nextCursor && (
            <Link
              href={hrefWith({ ...filters, cursor: entries.nextCursor })}
              className="text-brand-700 hover:underline"
              data-testid="entries-next"
            >
              {t("entries.nextPage")}
            </Link>
          )}
        </span>
      </nav>
    </section>
  );
}
