"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { calendarFeedAction, type FeedState } from "./feedActions";

/** Download the calendar, or manage the secret subscription URL (shown once when issued). */
export function CalendarFeedPanel({ active }: { active: boolean }) {
  const t = useTranslations("feed");
  const [state, action, pending] = useActionState<FeedState, FormData>(calendarFeedAction, {});
  const isActive = state.revoked ? false : active || Boolean(state.url);
  const button = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50 disabled:opacity-60";
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <a
        href="/api/v1/me/calendar.ics"
        download
        className="inline-block rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
        data-testid="ics-download"
      >
        {t("download")}
      </a>
      <p className="text-sm">{isActive ? t("active") : t("inactive")}</p>
      {state.url && (
        <div className="space-y-1 rounded-md bg-amber-50 p-3 text-sm">
          <p className="text-amber-900">{t("shownOnce")}</p>
          <input
            readOnly
            value={state.url}
            className="w-full rounded border border-amber-200 bg-white px-2 py-1 font-mono text-xs"
            data-testid="feed-url"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
      {state.revoked && <p className="text-sm text-slate-600">{t("revoked")}</p>}
      <form action={action} className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="intent"
          value="issue"
          disabled={pending}
          className={button}
          data-testid="feed-issue"
        >
          {isActive ? t("reissue") : t("issue")}
        </button>
        {isActive && (
          <button
            type="submit"
            name="intent"
            value="revoke"
            disabled={pending}
            className={button}
            data-testid="feed-revoke"
          >
            {t("revoke")}
          </button>
        )}
      </form>
    </div>
  );
}
