"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { openPublicityAction } from "../actions";
import { inclusiveDays } from "../_components/daySpan";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";

type Version = { id: string; label: string };

/** Opens a publicity period: list version, first and last day, with the 10-day rule counted live. */
export function NewPublicityForm({
  planId,
  versions,
  defaultStart,
}: {
  planId: string;
  versions: Version[];
  defaultStart: string;
}) {
  const t = useTranslations("hrPublicity");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [listVersionId, setListVersionId] = useState(versions[0]?.id ?? "");
  const [startDate, setStartDate] = useState(defaultStart);
  const [endDate, setEndDate] = useState("");
  const [channel, setChannel] = useState("");
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const days = inclusiveDays(startDate, endDate);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const r = await openPublicityAction({
        planId,
        body: { listVersionId: listVersionId || undefined, startDate, endDate, channel: channel.trim() || undefined },
      });
      if (r.ok) router.push(`/hr/publicity/${r.data.id}`);
      else setError({ code: r.code, message: r.message });
    });
  }

  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <form
      onSubmit={submit}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="publicity-new-form"
    >
      <label className="block">
        <span className="text-sm font-medium">{t("listVersion")}</span>
        <select
          value={listVersionId}
          onChange={(e) => setListVersionId(e.target.value)}
          className={input}
          data-testid="publicity-list-version"
        >
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block">
          <span className="text-sm font-medium">{t("new.start")}</span>
          <input
            type="date"
            required
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
            className={input}
            data-testid="publicity-start"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("new.end")}</span>
          <input
            type="date"
            required
            value={endDate}
            onChange={(e) => setEndDate(e.target.value)}
            className={input}
            data-testid="publicity-end"
          />
        </label>
      </div>
      <label className="block">
        <span className="text-sm font-medium">{t("channel")}</span>
        <input
          type="text"
          maxLength={200}
          value={channel}
          placeholder="Vesting Desk"
          onChange={(e) => setChannel(e.target.value)}
          className={input}
        />
      </label>
      <p className="text-sm text-slate-600">{t("new.rule")}</p>
      {days !== null && (
        <p
          className={`text-sm font-medium ${days >= 10 ? "text-emerald-700" : "text-red-700"}`}
          data-testid="publicity-days"
        >
          {t("new.days", { days })} {days < 10 && t("new.tooShort")}
        </p>
      )}
      {error && <RefusalBox refusal={error} />}
      <button
        type="submit"
        disabled={pending || versions.length === 0}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="publicity-submit"
      >
        {t("new.submit")}
      </button>
    </form>
  );
}
