"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";

/** The texts of one correction, already in the reader's language. */
export interface CorrectionTexts {
  button: string;
  help: string;
  reason: string;
  submit: string;
  submitting: string;
  cancel: string;
  /** Asked in a confirmation dialog before anything is sent. */
  confirm: string;
}

/**
 * A correction that needs a reason (voiding a batch, reversing a run): a button opens the reason field,
 * submitting asks for confirmation, a refusal shows its code and text, and success replaces the form.
 * Test ids are `${testId}-open`, `-form`, `-reason`, `-submit` and `-done`.
 */
export function ReasonedCorrectionForm<T>({
  texts,
  testId,
  formClassName = "w-72 space-y-2",
  submit,
  done,
}: {
  texts: CorrectionTexts;
  testId: string;
  formClassName?: string;
  submit: (reason: string) => Promise<ActionResult<T>>;
  done: (data: T) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, start] = useTransition();
  if (result?.ok)
    return (
      <p role="status" className="text-xs text-emerald-800" data-testid={`${testId}-done`}>
        {done(result.data)}
      </p>
    );
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md border border-rose-300 px-2 py-1 text-xs text-rose-800 hover:bg-rose-50"
        data-testid={`${testId}-open`}
      >
        {texts.button}
      </button>
    );
  return (
    <form
      className={formClassName}
      data-testid={`${testId}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!window.confirm(texts.confirm)) return;
        start(async () => setResult(await submit(reason.trim())));
      }}
    >
      <p className="text-xs text-slate-600">{texts.help}</p>
      <label className="block text-xs">
        <span className="font-medium">{texts.reason}</span>
        <textarea
          required
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          data-testid={`${testId}-reason`}
        />
      </label>
      <RefusalBox refusal={result} />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={pending || reason.trim() === ""}
          className="rounded-md bg-rose-700 px-3 py-1 text-xs font-medium text-white hover:bg-rose-800 disabled:opacity-60"
          data-testid={`${testId}-submit`}
        >
          {pending ? texts.submitting : texts.submit}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="text-xs text-slate-600 hover:underline">
          {texts.cancel}
        </button>
      </div>
    </form>
  );
}
