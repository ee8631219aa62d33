import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { DepartureHistoryDto } from "@/lib/features/persons/departureReads";
import { shanghaiTime } from "@/app/(portal)/admin/_components/shanghaiTime";

const cell = "px-3 py-2";

/** The departure in force in one line, and who recorded it when. */
export async function DepartureInForce({ history, locale }: { history: DepartureHistoryDto; locale: Locale }) {
  const t = await getTranslations("hrGrants.leavers");
  const d = history.inForce;
  return (
    <section
      className="space-y-1 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm"
      data-testid="departure-in-force"
    >
      <h3 className="font-medium">{t("inForce.title")}</h3>
      {d ? (
        <>
          <p>{t("inForce.summary", { date: d.leaveDate ?? "", reason: textOf(d.reasonText, locale) })}</p>
          <p className="text-slate-600">
            {d.recordedBy
              ? t("inForce.recordedBy", { name: d.recordedBy.name, at: shanghaiTime(d.recordedAt) })
              : t("inForce.recordedBySystem", { at: shanghaiTime(d.recordedAt) })}
          </p>
        </>
      ) : (
        <p className="text-slate-600">{t("inForce.noRecord")}</p>
      )}
    </section>
  );
}

/** Every departure record of the person, oldest first: what was recorded, corrected or withdrawn, by whom. */
export async function DepartureHistory({ history, locale }: { history: DepartureHistoryDto; locale: Locale }) {
  if (history.records.length === 0) return null;
  const t = await getTranslations("hrGrants.leavers.history");
  return (
    <section className="space-y-2">
      <h3 className="font-medium">{t("title")}</h3>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="departure-history">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className={cell}>{t("kind")}</th>
              <th className={cell}>{t("leaveDate")}</th>
              <th className={cell}>{t("reason")}</th>
              <th className={cell}>{t("note")}</th>
              <th className={cell}>{t("recordedBy")}</th>
              <th className={cell}>{t("recordedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {history.records.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top" data-kind={r.kind}>
                <td className={cell}>{t(`kinds.${r.kind}`)}</td>
                <td className={`${cell} tabular`}>{r.leaveDate ?? "—"}</td>
                <td className={cell}>{r.reasonText ? textOf(r.reasonText, locale) : "—"}</td>
                <td className={cell}>{r.note ?? ""}</td>
                <td className={cell}>{r.recordedBy?.name ?? "—"}</td>
                <td className={`${cell} whitespace-nowrap tabular`}>{shanghaiTime(r.recordedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A coded value's text in the reader's language. */
export const textOf = (text: { en: string; zh: string } | null, locale: Locale) =>
  text === null ? "—" : locale === "en" ? text.en : text.zh;
