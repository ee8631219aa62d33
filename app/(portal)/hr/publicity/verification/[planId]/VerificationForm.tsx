"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { leadDays } from "../../_components/daySpan";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";

type Body = "board_of_supervisors" | "remuneration_committee";
type Version = { id: string; label: string };

const MAX_BYTES = 5 * 1024 * 1024;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * The verification record form. It posts to POST /api/v1/plans/{planId}/verifications rather than a server
 * action because the attachment may reach 5 MB, above the server-action body limit.
 */
export function VerificationForm({
  planId,
  verifyingBody,
  versions,
  publicityEndDate,
  generalMeetingDate,
}: {
  planId: string;
  verifyingBody: Body;
  versions: Version[];
  publicityEndDate: string | null;
  generalMeetingDate: string | null;
}) {
  const t = useTranslations("hrPublicity");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [body, setBody] = useState<Body>(verifyingBody);
  const [listVersionId, setListVersionId] = useState(versions[0]?.id ?? "");
  const [members, setMembers] = useState("");
  const [opinionDate, setOpinionDate] = useState("");
  const [disclosureDate, setDisclosureDate] = useState("");
  const [meetingDate, setMeetingDate] = useState(generalMeetingDate ?? "");
  const [opinion, setOpinion] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<{ code: string; message: string; details?: unknown } | null>(null);
  const [saved, setSaved] = useState(false);
  const lead = leadDays(disclosureDate, meetingDate);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    if (file && file.size > MAX_BYTES)
      return setError({ code: "ATTACHMENT_TOO_LARGE", message: "The attachment is larger than 5 MB." });
    startTransition(async () => {
      const attachment = file ? { name: file.name, base64: await toBase64(file) } : undefined;
      const res = await fetch(`/api/v1/plans/${planId}/verifications`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          body,
          listVersionId: listVersionId || undefined,
          members: members.trim() || undefined,
          opinionDate,
          disclosureDate,
          generalMeetingDate: meetingDate,
          opinion,
          attachment,
        }),
      });
      if (res.ok) {
        setSaved(true);
        router.refresh();
        return;
      }
      const json = (await res.json().catch(() => null)) as {
        error?: { code?: string; message?: string; details?: unknown };
      } | null;
      // The details carry the dates the message names (and every rule broken).
      setError({
        code: json?.error?.code ?? `HTTP_${res.status}`,
        message: json?.error?.message ?? res.statusText,
        details: json?.error?.details,
      });
    });
  }

  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <form
      onSubmit={submit}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="verification-form"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block">
          <span className="text-sm font-medium">{t("verify.body")}</span>
          <select
            value={body}
            onChange={(e) => setBody(e.target.value as Body)}
            className={input}
            data-testid="verification-body"
          >
            <option value="remuneration_committee">{t("verify.bodies.remuneration_committee")}</option>
            <option value="board_of_supervisors">{t("verify.bodies.board_of_supervisors")}</option>
          </select>
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("listVersion")}</span>
          <select
            value={listVersionId}
            onChange={(e) => setListVersionId(e.target.value)}
            className={input}
            data-testid="verification-list-version"
          >
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block">
        <span className="text-sm font-medium">{t("verify.members")}</span>
        <input
          type="text"
          maxLength={1000}
          value={members}
          onChange={(e) => setMembers(e.target.value)}
          className={input}
        />
      </label>
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="block">
          <span className="text-sm font-medium">{t("verify.opinionDate")}</span>
          <input
            type="date"
            required
            value={opinionDate}
            onChange={(e) => setOpinionDate(e.target.value)}
            className={input}
            data-testid="verification-opinion-date"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("verify.disclosureDate")}</span>
          <input
            type="date"
            required
            value={disclosureDate}
            onChange={(e) => setDisclosureDate(e.target.value)}
            className={input}
            data-testid="verification-disclosure-date"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("verify.generalMeetingDate")}</span>
          <input
            type="date"
            required
            value={meetingDate}
            onChange={(e) => setMeetingDate(e.target.value)}
            className={input}
            data-testid="verification-meeting-date"
          />
        </label>
      </div>
      <p className="text-sm text-slate-600">{t("verify.rule", { end: publicityEndDate ?? "—" })}</p>
      {lead !== null && (
        <p
          className={`text-sm font-medium ${lead >= 5 ? "text-emerald-700" : "text-red-700"}`}
          data-testid="verification-lead"
        >
          {t("verify.lead", { days: lead })}
        </p>
      )}
      <label className="block">
        <span className="text-sm font-medium">{t("verify.opinion")}</span>
        <textarea
          required
          minLength={2}
          rows={4}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          className={input}
          data-testid="verification-opinion"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("verify.attachment")}</span>
        <input
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,.doc,.docx"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className="mt-1 block w-full text-sm"
          data-testid="verification-attachment"
        />
      </label>
      {error && <RefusalBox refusal={error} />}
      {saved && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="verification-saved"
        >
          {t("verify.saved")}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="verification-submit"
      >
        {t("verify.submit")}
      </button>
    </form>
  );
}
