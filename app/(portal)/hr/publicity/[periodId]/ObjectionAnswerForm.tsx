"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { answerObjectionAction } from "../actions";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";

/** Answer or uphold one objection; upholding reminds HR that a new list version has to be imported. */
export function ObjectionAnswerForm({ objectionId, response }: { objectionId: string; response: string | null }) {
  const t = useTranslations("hrPublicity");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState(response ?? "");
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [upheld, setUpheld] = useState(false);

  function send(status: "answered" | "upheld") {
    setError(null);
    startTransition(async () => {
      const r = await answerObjectionAction({ objectionId, body: { status, response: text } });
      if (!r.ok) return setError({ code: r.code, message: r.message });
      setUpheld(r.data.listChangeRequired);
      router.refresh();
    });
  }

  return (
    <div className="space-y-2" data-testid="objection-answer-form">
      <label className="block">
        <span className="text-sm font-medium">{t("detail.response")}</span>
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={2}
          maxLength={4000}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          data-testid="objection-response"
        />
      </label>
      {error && <RefusalBox refusal={error} />}
      {upheld && (
        <p
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800"
          data-testid="objection-upheld-hint"
        >
          {t("detail.upheldHint")}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending || text.trim().length < 2}
          onClick={() => send("answered")}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          data-testid="objection-answer"
        >
          {t("detail.answer")}
        </button>
        <button
          type="button"
          disabled={pending || text.trim().length < 2}
          onClick={() => send("upheld")}
          className="rounded-md border border-amber-600 px-3 py-1.5 text-sm font-medium text-amber-800 hover:bg-amber-50 disabled:opacity-60"
          data-testid="objection-uphold"
        >
          {t("detail.uphold")}
        </button>
      </div>
    </div>
  );
}
