import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { LeaverDto } from "@/lib/features/persons/departureReads";
import type { Page } from "@/lib/platform/pagination/keysetCursor";
import { shanghaiTime } from "@/app/(portal)/admin/_components/shanghaiTime";
import { textOf } from "./DepartureHistory";
import type { ReasonOption } from "./ReasonSelect";

/** The list's filters as the page's query string carries them (find is the list's own search text). */
export type LeaverFilters = { find?: string; reason?: string; from?: string; to?: string };

const cell = "px-3 py-2";
const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/** Past leavers with a plain GET filter form, a page at a time; a row opens the person's records. */
export async function LeaversList({
  filters,
  page,
  problem,
  reasons,
  locale,
  paged,
}: {
  filters: LeaverFilters;
  /** True past the first page: the list offers a way back to it. */
  paged: boolean;
  page: Page<LeaverDto> | null;
  problem: string | null;
  reasons: ReasonOption[];
  locale: Locale;
}) {
  const t = await getTranslations("hrGrants.leavers.list");
  const query = (extra: Record<string, string>) =>
    `/hr/leavers?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>), ...extra })}`;
  return (
    <section className="space-y-3" data-testid="leavers-list">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <form
        method="get"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <label className="block text-sm">
          <span className="font-medium">{t("find")}</span>
          <input
            name="find"
            defaultValue={filters.find ?? ""}
            maxLength={60}
            className={field}
            data-testid="leavers-find"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("reason")}</span>
          <select
            name="reason"
            defaultValue={filters.reason ?? ""}
            className={`${field} bg-white`}
            data-testid="leavers-reason"
          >
            <option value="">{t("anyReason")}</option>
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("from")}</span>
          <input
            type="date"
            name="from"
            defaultValue={filters.from ?? ""}
            className={field}
            data-testid="leavers-from"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("to")}</span>
          <input type="date" name="to" defaultValue={filters.to ?? ""} className={field} data-testid="leavers-to" />
        </label>
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-4">
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("apply")}
          </button>
          <Link
            href="/hr/leavers"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
          >
            {t("clear")}
          </Link>
        </div>
      </form>
      {problem && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="leavers-invalid">
          {t("invalid", { problem })}
        </p>
      )}
      {page && page.items.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      {page && page.items.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="leavers-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={cell}>{t("employeeNo")}</th>
                <th className={cell}>{t("name")}</th>
                <th className={cell}>{t("leaveDate")}</th>
                <th className={cell}>{t("reason")}</th>
                <th className={cell}>{t("recorded")}</th>
                <th className={`${cell} text-right`}>{t("corrections")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((l) => (
                <tr key={l.personId} className="border-t border-slate-100 align-top">
                  <td className={cell}>
                    <Link href={`/hr/leavers?person=${l.personId}`} className="text-brand-700 hover:underline">
                      {l.employeeNo}
                    </Link>
                  </td>
                  <td className={cell}>{l.name}</td>
                  <td className={`${cell} tabular`}>{l.leaveDate}</td>
                  <td className={cell}>{textOf(l.reasonText, locale)}</td>
                  <td className={`${cell} text-slate-600`}>
                    {l.recordedBy?.name ?? ""} {shanghaiTime(l.recordedAt)}
                  </td>
                  <td className={`${cell} text-right tabular`}>{l.corrections}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex gap-3 text-sm">
        {paged && (
          <Link href={query({})} className="text-brand-700 hover:underline" data-testid="leavers-first">
            {t("first")}
          </Link>
        )}
        {page?.nextCursor && (
          <Link
            href={query({ cursor: page.nextCursor })}
            className="text-brand-700 hover:underline"
            data-testid="leavers-next"
          >
            {t("next")}
          </Link>
        )}
      </nav>
    </section>
  );
}
