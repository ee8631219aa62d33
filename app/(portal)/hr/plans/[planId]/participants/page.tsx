import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { participantListsOverview } from "@/lib/features/participants/queries";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { formatShares } from "../../../../_components/format";
import { ParticipantUpload } from "./ParticipantUpload";

export const dynamic = "force-dynamic";

type Search = { batch?: string; from?: string; to?: string };

/** The plan's participant lists: upload and check a file, apply it as a new version, browse versions and their differences. */
export default page({ access: "staffRead" }, async ({ user, params, searchParams }) => {
  const search = searchParams as Search;
  const diffBatch = search.batch === "reserved" ? "reserved" : "first";
  const overview = await participantListsOverview(params.planId ?? "", {
    batch: diffBatch,
    from: Number(search.from),
    to: Number(search.to),
  });
  if (!overview) notFound();
  const { plan, versions, latest, diff, categories } = overview;
  const t = await getTranslations("hrParticipants");
  const locale = toLocale(await getLocale());
  const categoryLabels = Object.fromEntries(
    categories.map((c) => [String(c.code), `${c.code} ${locale === "en" ? c.nameEn : c.name}`]),
  );
  const codeLabel = (code: number) => categoryLabels[String(code)] ?? String(code);
  const n = (q: number) => formatShares(q, locale);

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <Link href={`/hr/plans/${plan.id}`} className="text-sm text-brand-700 hover:underline">
          ← {locale === "en" ? plan.nameEn : plan.name}
        </Link>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">
          {t("intro", { first: n(plan.firstGrantQuantity), reserved: n(plan.reservedQuantity) })}
        </p>
      </header>

      {hasRole(user, ...STAFF_WRITE_ROLES) && <ParticipantUpload planId={plan.id} categoryLabels={categoryLabels} />}

      <section className="space-y-3" data-testid="list-versions">
        <h2 className="font-semibold">{t("versions.title")}</h2>
        {versions.length === 0 && <p className="text-sm text-slate-600">{t("versions.none")}</p>}
        {versions.map((v) => (
          <details key={v.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="list-version">
            <summary className="cursor-pointer text-sm">
              <span className="font-medium">
                {t(`batch.${v.batch}`)} · {t("versions.version", { version: v.version })}
              </span>
              {latest[v.batch] === v.version && (
                <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">
                  {t("versions.latest")}
                </span>
              )}
              <span className="block text-slate-600 sm:ml-2 sm:inline">
                {t("versions.meta", {
                  at: v.createdAt.slice(0, 16).replace("T", " "),
                  people: v.entries.length,
                  total: n(v.entries.reduce((s, e) => s + e.quantity, 0)),
                })}
                {v.sourceFileName ? ` · ${v.sourceFileName}` : ""}
              </span>
            </summary>
            <div className="mt-2 max-h-96 overflow-auto">
              <table className="w-full min-w-[560px] text-left text-sm">
                <thead className="sticky top-0 bg-slate-50 text-slate-600">
                  <tr>
                    <th className="px-2 py-1">{t("columns.employeeNo")}</th>
                    <th className="px-2 py-1">{t("columns.name")}</th>
                    <th className="px-2 py-1">{t("columns.nationality")}</th>
                    <th className="px-2 py-1">{t("columns.position")}</th>
                    <th className="px-2 py-1">{t("columns.category")}</th>
                    <th className="px-2 py-1 text-right">{t("columns.quantity")}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.entries.map((e) => (
                    <tr key={e.personId} className="border-t border-slate-100">
                      <td className="px-2 py-1 tabular">{e.employeeNo}</td>
                      <td className="px-2 py-1">{e.name}</td>
                      <td className="px-2 py-1">{e.nationality}</td>
                      <td className="px-2 py-1">{e.position}</td>
                      <td className="px-2 py-1">{codeLabel(e.categoryCode)}</td>
                      <td className="px-2 py-1 text-right tabular">{n(e.quantity)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ))}
      </section>

      {versions.length > 1 && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="list-diff">
          <h2 className="font-semibold">{t("diff.title")}</h2>
          <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
            <label className="block font-medium">
              {t("upload.batch")}
              <select
                name="batch"
                defaultValue={diffBatch}
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-base"
              >
                <option value="first">{t("batch.first")}</option>
                <option value="reserved">{t("batch.reserved")}</option>
              </select>
            </label>
            <label className="block font-medium">
              {t("diff.from")}
              <input
                name="from"
                type="number"
                min={1}
                defaultValue={search.from ?? ""}
                className="mt-1 block w-20 rounded-md border border-slate-300 px-2 py-1.5 text-base"
                data-testid="diff-from"
              />
            </label>
            <label className="block font-medium">
              {t("diff.to")}
              <input
                name="to"
                type="number"
                min={1}
                defaultValue={search.to ?? ""}
                className="mt-1 block w-20 rounded-md border border-slate-300 px-2 py-1.5 text-base"
                data-testid="diff-to"
              />
            </label>
            <button
              type="submit"
              className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
              data-testid="diff-submit"
            >
              {t("diff.show")}
            </button>
          </form>
          {diff && (
            <div className="space-y-2 text-sm" data-testid="diff-result">
              <p>
                {t("diff.summary", {
                  from: diff.from,
                  to: diff.to,
                  added: diff.added.length,
                  removed: diff.removed.length,
                  changed: diff.changed.length,
                })}
              </p>
              <ul className="space-y-1">
                {diff.added.map((e) => (
                  <li
                    key={`a${e.personId}`}
                    className="rounded bg-emerald-50 px-2 py-1 text-emerald-800"
                    data-testid="diff-added"
                  >
                    + {e.employeeNo} {e.name} · {codeLabel(e.categoryCode)} · {n(e.quantity)}
                  </li>
                ))}
                {diff.removed.map((e) => (
                  <li
                    key={`r${e.personId}`}
                    className="rounded bg-rose-50 px-2 py-1 text-rose-800"
                    data-testid="diff-removed"
                  >
                    − {e.employeeNo} {e.name} · {codeLabel(e.categoryCode)} · {n(e.quantity)}
                  </li>
                ))}
                {diff.changed.map((c) => (
                  <li
                    key={`c${c.personId}`}
                    className="rounded bg-amber-50 px-2 py-1 text-amber-900"
                    data-testid="diff-changed"
                  >
                    ~ {c.employeeNo} {c.name} · {codeLabel(c.before.categoryCode)} {n(c.before.quantity)} →{" "}
                    {codeLabel(c.after.categoryCode)} {n(c.after.quantity)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
    </div>
  );
});
