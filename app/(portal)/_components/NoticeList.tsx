import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { NoticeDto } from "@/lib/features/notices/notices";
import { markNoticeReadAction } from "../noticeActions";
import { formatMoney } from "../vesting/figures";
import { formatShares } from "./format";

// Kinds with a text in messages/*.json (notice.*); an unknown kind shows its code rather than breaking the page.
const KNOWN_KINDS = new Set([
  "window_opening",
  "blackout_starting",
  "publicity_opened",
  "grant_to_accept",
  "earliest_date_changed",
  "grant_adjusted",
  "grant_adjustment_scheduled",
  "vesting_recorded",
  "vesting_reversed",
  "grant_voided",
  "objection_answered",
  "factor_reset",
  "payment_due",
  "payment_closed",
  "shares_registered",
]);

// Notices of a vesting batch (issue #16) open the grantee's payment and tax page; their amounts read as money.
const VESTING_BATCH_KINDS = new Set(["payment_due", "payment_closed", "shares_registered"]);
const MONEY_KEYS = ["amountDue", "refund", "tax"] as const;
const SHARE_KEYS = ["shares", "paidShares", "waivedShares"] as const;

type Notice = Pick<NoticeDto, "id" | "kind" | "payload" | "readAt">;

/** The user's notices, unread ones highlighted, each with its link and a mark-read button. */
export async function NoticeList({ notices, locale }: { notices: Notice[]; locale: Locale }) {
  const t = await getTranslations();
  if (notices.length === 0) return <p className="text-sm text-slate-600">{t("home.noNotices")}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="notices">
      {notices.map((n) => {
        const p = n.payload as Record<string, string>;
        const plan = locale === "en" ? p.planNameEn : p.planName;
        const values = Object.fromEntries(
          Object.entries(p).map(([k, v]) => [k, v === null || v === undefined ? "—" : String(v)]),
        );
        if (VESTING_BATCH_KINDS.has(n.kind)) {
          for (const k of MONEY_KEYS) if (typeof p[k] === "string") values[k] = formatMoney(p[k], locale);
          for (const k of SHARE_KEYS) if (typeof p[k] === "number") values[k] = formatShares(p[k], locale);
          // For the texts' select: a registration whose tax was not computed, a closing with nothing to refund.
          values.taxComputed = p.tax === null || p.tax === undefined ? "no" : "yes";
          values.refundDue = p.refund && p.refund !== "0.00" ? "yes" : "no";
        }
        const known = KNOWN_KINDS.has(n.kind);
        const text = known
          ? t(`notice.${n.kind as "grant_to_accept"}`, {
              ...values,
              plan: plan ?? p.planName ?? "",
              index: String(p.trancheIndex ?? ""),
              date: p.windowOpen ?? p.endDate ?? "",
              from: p.from ?? "",
              to: p.to ?? "",
            })
          : n.kind;
        const href = p.grantId
          ? `/grants/${p.grantId}`
          : n.kind === "publicity_opened" || n.kind === "objection_answered"
            ? "/publicity"
            : n.kind === "blackout_starting"
              ? "/blackouts"
              : n.kind === "factor_reset"
                ? "/account"
                : VESTING_BATCH_KINDS.has(n.kind)
                  ? "/vesting"
                  : null;
        return (
          <li
            key={n.id}
            className={`flex flex-wrap items-center gap-2 p-3 text-sm ${n.readAt ? "text-slate-500" : ""}`}
            data-testid={`notice-${n.kind}`}
          >
            {!n.readAt && <span className="h-2 w-2 rounded-full bg-brand-600" aria-hidden />}
            {href ? (
              <Link href={href} className="flex-1 hover:underline">
                {text}
              </Link>
            ) : (
              <span className="flex-1">{text}</span>
            )}
            {!n.readAt && (
              <form action={markNoticeReadAction}>
                <input type="hidden" name="noticeId" value={n.id} />
                <button type="submit" className="text-xs text-brand-700 hover:underline">
                  {t("home.markRead")}
                </button>
              </form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
