import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { page } from "@/lib/auth/procedures/page";
import { peoplePage } from "@/lib/features/persons/personQueries";
import { listPersonsQuery, PERSON_FLAGS } from "@/lib/features/persons/personSchemas";
import { PageHeader } from "../../_components/PageHeader";

export const dynamic = "force-dynamic";

const ROLE_FLAGS = ["isDirector", "isSeniorManager", "isCoreTechnician", "isForeign"] as const;

/** People: search, filter and page through the person records; add one or import a file. */
export default page({ access: "staffRead" }, async ({ searchParams: params }) => {
  const parsed = listPersonsQuery.safeParse({
    q: params.q || undefined,
    status: params.status || undefined,
    flag: params.flag || undefined,
    department: params.department || undefined,
    cursor: params.cursor || undefined,
  });
  const query = parsed.success ? parsed.data : {};
  const { items, nextCursor, departments } = await peoplePage(query);
  const t = await getTranslations("hrPeople");
  const keep = (extra: Record<string, string>) => {
    const s = new URLSearchParams();
    for (const k of ["q", "status", "flag", "department"] as const) if (query[k]) s.set(k, String(query[k]));
    for (const [k, v] of Object.entries(extra)) s.set(k, v);
    return `/hr/people?${s.toString()}`;
  };
  const cell = "px-3 py-2";
  const field = "rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} testId="people-title" />
      <div className="flex flex-wrap gap-2">
        <Link
          href="/hr/people/new"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          data-testid="person-add"
        >
          {t("add")}
        </Link>
        <Link
          href="/hr/people/import"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
          data-testid="person-import"
        >
          {t("import")}
        </Link>
        <Link
          href="/hr/people/invite"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
          data-testid="person-invite"
        >
          {t("inviteLink")}
        </Link>
      </div>
      <form method="get" className="flex flex-col gap-2 sm:flex-row sm:flex-wrap" role="search">
        <input
          name="q"
          defaultValue={query.q ?? ""}
          placeholder={t("searchPlaceholder")}
          maxLength={60}
          className={`min-w-0 flex-1 ${field}`}
          data-testid="people-search"
        />
        <select name="status" defaultValue={query.status ?? ""} className={field} aria-label={t("columns.status")}>
          <option value="">{t("anyStatus")}</option>
          <option value="active">{t("status.active")}</option>
          <option value="left">{t("status.left")}</option>
        </select>
        <select name="flag" defaultValue={query.flag ?? ""} className={field} aria-label={t("columns.roles")}>
          <option value="">{t("anyFlag")}</option>
          {PERSON_FLAGS.map((f) => (
            <option key={f} value={f}>
              {t(`flags.${f}`)}
            </option>
          ))}
        </select>
        {departments.length > 0 && (
          <select
            name="department"
            defaultValue={query.department ?? ""}
            className={field}
            aria-label={t("columns.department")}
          >
            <option value="">{t("anyDepartment")}</option>
            {departments.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        )}
        <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white">
          {t("search")}
        </button>
      </form>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="people-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={cell}>{t("columns.employeeNo")}</th>
                <th className={cell}>{t("columns.name")}</th>
                <th className={cell}>{t("columns.position")}</th>
                <th className={`${cell} hidden md:table-cell`}>{t("columns.department")}</th>
                <th className={cell}>{t("columns.roles")}</th>
                <th className={cell}>{t("columns.status")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((p) => (
                <tr key={p.id} data-testid="people-row">
                  <td className={`${cell} whitespace-nowrap font-mono`}>
                    <Link href={`/hr/people/${p.id}`} className="text-brand-700 hover:underline">
                      {p.employeeNo}
                    </Link>
                  </td>
                  <td className={cell}>
                    <span className="whitespace-nowrap">{p.name}</span>
                    {p.namePinyin && <span className="block text-xs text-slate-500">{p.namePinyin}</span>}
                  </td>
                  <td className={cell}>{p.position}</td>
                  <td className={`${cell} hidden md:table-cell`}>{p.department ?? ""}</td>
                  <td className={cell}>
                    <span className="flex flex-wrap gap-1">
                      {ROLE_FLAGS.filter((f) => p.flags[f]).map((f) => (
                        <span key={f} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                          {t(`flags.${f}`)}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {p.employmentStatus === "left" ? t("leftOn", { date: p.leaveDate ?? "" }) : t("status.active")}
                    <span className="block text-xs text-slate-500">{p.userId ? t("hasAccount") : t("noAccount")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex items-center justify-between text-sm" aria-label={t("nextPage")}>
        <span className="text-slate-600">{t("shown", { count: items.length })}</span>
        <span className="flex gap-3">
          {query.cursor && (
            <Link href={keep({})} className="text-brand-700 hover:underline">
              {t("firstPage")}
            </Link>
          )}
          {nextCursor && (
            <Link
              href={keep({ cursor: nextCursor })}
              className="text-brand-700 hover:underline"
              data-testid="people-next"
            >
              {t("nextPage")}
            </Link>
          )}
        </span>
      </nav>
    </div>
  );
});
