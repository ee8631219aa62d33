import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { participantListsOverview } from "@/lib/features/participants/queries";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { formatShares } from "../../../../_components/format";
import { ParticipantUpload } from "./ParticipantUpload";
import { ListVersionTable } from "./ListVersionTable";
import { ListEntriesTable } from "./ListEntriesTable";
import { listEntriesQuery } from "@/lib/features/participants/listEntriesQuery";

export const dynamic = "force-dynamic";

type Search = { batch?: string; from?: string; to?: string };

/**
 * The plan's participant lists: upload and check a file, apply it as a new version, the versions with
 * their counts, the entries of one version (the latest by default) a page at a time with search, and
 * the differences between two versions.
 */
export default page({ access: "staffRead" }, async ({ user, params, searchParams }) => {
  const search = searchParams as Search;
  const one = (k: string) => (typeof searchParams[k] === "string" && searchParams[k] ? searchParams[k] : undefined);
  const diffBatch = search.batch === "reserved" ? "reserved" : "first";
  const parsed = listEntriesQuery.safeParse({
    batch: one("listBatch"),
    version: one("listVersion"),
    q: one("q"),
    categoryId: one("categoryId"),
    cursor: one("cursor"),
  });
  const entryQuery = parsed.success ? parsed.data : {};
  const overview = await participantListsOverview(
    params.planId ?? "",
    { batch: diffBatch, from: Number(search.from), to: Number(search.to) },
    entryQuery,
  );
  if (!overview) notFound();
  const { plan, versions, latest, diff, categories, entries } = overview;
  const t = await getTranslations("hrParticipants");
  const locale = toLocale(await getLocale());
  const categoryLabels = Object.fromEntries(
    categories.map((c) => [String(c.code), `${c.code} ${locale === "en" ? c.nameEn : c.name}`]),
  );
  const codeLabel = (code: number) => categoryLabels[String(code)] ?? String(code);
  const n = (q: number) => formatShares(q, locale);
  // The diff's parameters travel with the entries' links and form, and the version shown with the diff's form.
  const diffParams: Record<string, string> = {};
  for (const k of ["batch", "from", "to"] as const) if (one(k)) diffParams[k] = one(k)!;
  const shownParams: Record<string, string> =
    entries.version === null ? {} : { listBatch: entries.batch, listVersion: String(entries.version) };
  const href = (p: Record<string, string>) =>
    `/hr/plans/${plan.id}/participants?${new URLSearchParams({ ...diffParams, ...p }).toString()}#list-entries`;

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

      <ListVersionTable
        versions={versions}
        latest={latest}
        shown={{ batch: entries.batch, version: entries.version }}
        hrefOf={(v) => href({ listBatch: v.batch, listVersion: String(v.version) })}
        n={n}
      />

      <ListEntriesTable
        entries={entries}
        query={entryQuery}
        categories={categories.map((c) => ({ id: c.id, code: c.code, label: codeLabel(c.code) }))}
        hrefWith={(p) => href({ ...shownParams, ...p })}
        hidden={diffParams}
        n={n}
      />

      {versions.length > 1 && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="list-diff">
          <h2 className="font-semibold">{t("diff.title")}</h2>
          <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
            {Object.entries(shownParams).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
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
