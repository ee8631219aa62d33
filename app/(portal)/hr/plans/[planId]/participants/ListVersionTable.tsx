import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ListVersionSummary } from "@/lib/features/participants/listEntryPages";
import type { ListBatch } from "@/lib/features/participants/rowShape";

/**
 * Every list version with its head count and total (counted by the database), the latest of each batch
 * marked and the one whose entries are shown below highlighted; each links to its entries.
 */
export async function ListVersionTable(props: {
  versions: ListVersionSummary[];
  latest: Record<ListBatch, number | null>;
  shown: { batch: ListBatch; version: number | null };
  /** The address of a version's entries (the page keeps its other parameters). */
  hrefOf: (v: ListVersionSummary) => string;
  n: (quantity: number) => string;
}) {
  const { versions, latest, shown, hrefOf, n } = props;
  const t = await getTranslations("hrParticipants");
  const cell = "px-3 py-2";
  return (
    <section className="space-y-3" data-testid="list-versions">
      <h2 className="font-semibold">{t("versions.title")}</h2>
      {versions.length === 0 ? (
        <p className="text-sm text-slate-600">{t("versions.none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className={cell}>{t("upload.batch")}</th>
                <th className={cell}>{t("versions.versionColumn")}</th>
                <th className={`${cell} hidden sm:table-cell`}>{t("versions.createdAt")}</th>
                <th className={`${cell} text-right`}>{t("versions.people")}</th>
                <th className={`${cell} text-right`}>{t("versions.total")}</th>
                <th className={`${cell} hidden md:table-cell`}>{t("versions.file")}</th>
                <th className={cell}></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {versions.map((v) => {
                const isShown = shown.batch === v.batch && shown.version === v.version;
                return (
                  <tr key={v.id} className={isShown ? "bg-brand-50" : ""} data-testid="list-version">
                    <td className={cell}>{t(`batch.${v.batch}`)}</td>
                    <td className={`${cell} whitespace-nowrap`}>
                      {t("versions.version", { version: v.version })}
                      {latest[v.batch] === v.version && (
                        <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">
                          {t("versions.latest")}
                        </span>
                      )}
                    </td>
                    <td className={`${cell} hidden whitespace-nowrap tabular sm:table-cell`}>
                      {v.createdAt.slice(0, 16).replace("T", " ")}
                    </td>
                    <td className={`${cell} text-right tabular`}>{n(v.people)}</td>
                    <td className={`${cell} text-right tabular`}>{n(v.total)}</td>
                    <td className={`${cell} hidden md:table-cell`}>{v.sourceFileName ?? ""}</td>
                    <td className={`${cell} whitespace-nowrap`}>
                      {isShown ? (
                        <span className="text-slate-500">{t("versions.shown")}</span>
                      ) : (
                        <Link href={hrefOf(v)} className="text-brand-700 hover:underline" data-testid="show-version">
                          {t("versions.show")}
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
