"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { createPersonAction, updatePersonAction } from "./actions";

const ID_TYPES = [
  "resident_id",
  "passport",
  "hk_macau_permit",
  "taiwan_permit",
  "foreign_permanent_residence",
  "other",
] as const;
const FLAGS = [
  "isDirector",
  "isSeniorManager",
  "isCoreTechnician",
  "isForeign",
  "isIndependentDirector",
  "isSupervisor",
  "isMajorHolder",
  "isActualControllerOrRelative",
] as const;
type Flag = (typeof FLAGS)[number];

/** What the form starts from: a recorded person, or blanks for a new one. */
export interface PersonFormValues {
  id: string | null;
  employeeNo: string;
  name: string;
  namePinyin: string;
  position: string;
  department: string;
  email: string;
  nationality: string;
  idType: (typeof ID_TYPES)[number];
  idNumberMasked: string | null;
  flags: Record<Flag, boolean>;
}

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/** One form for adding and changing a person; the ID number is sent only when typed. */
export function PersonForm({ initial }: { initial: PersonFormValues }) {
  const t = useTranslations("hrPeople");
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [idNumber, setIdNumber] = useState("");
  const [removeId, setRemoveId] = useState(false);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const set = (patch: Partial<PersonFormValues>) => {
    setV((old) => ({ ...old, ...patch }));
    setDone(null);
  };
  const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

  function submit() {
    const body = {
      employeeNo: v.employeeNo,
      name: v.name,
      namePinyin: orNull(v.namePinyin),
      position: v.position,
      department: orNull(v.department),
      email: orNull(v.email),
      nationality: v.nationality,
      idType: v.idType,
      ...(removeId ? { idNumber: null } : idNumber.trim() ? { idNumber: idNumber.trim() } : {}),
      ...v.flags,
    };
    start(async () => {
      if (v.id === null) {
        const r = await createPersonAction(body);
        setResult(r);
        if (r.ok) router.push(`/hr/people/${r.data.id}?created=1`);
        return;
      }
      const r = await updatePersonAction({ personId: v.id, body });
      setResult(r);
      if (r.ok) {
        setDone(r.data.unchanged ? t("unchanged") : t("saved"));
        setIdNumber("");
        setRemoveId(false);
        set({ idNumberMasked: r.data.idNumberMasked });
        router.refresh();
      }
    });
  }

  const text = (field: "employeeNo" | "name" | "namePinyin" | "position" | "department", required = false) => (
    <label className="block text-sm">
      <span className="font-medium">{t(`fields.${field}`)}</span>
      <input
        value={v[field]}
        required={required}
        maxLength={field === "employeeNo" ? 40 : 100}
        onChange={(e) => set({ [field]: e.target.value })}
        className={input}
        data-testid={`person-${field}`}
      />
    </label>
  );

  return (
    <form
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="person-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {text("employeeNo", true)}
        {text("name", true)}
        {text("namePinyin")}
        {text("position", true)}
        {text("department")}
        <label className="block text-sm">
          <span className="font-medium">{t("fields.email")}</span>
          <input
            type="email"
            value={v.email}
            maxLength={200}
            onChange={(e) => set({ email: e.target.value })}
            className={input}
            data-testid="person-email"
          />
          <span className="mt-1 block text-xs text-slate-500">{t("fields.emailHelp")}</span>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("fields.nationality")}</span>
          <input
            value={v.nationality}
            required
            pattern="[A-Za-z]{2}"
            maxLength={2}
            onChange={(e) => set({ nationality: e.target.value.toUpperCase() })}
            className={`${input} uppercase sm:w-24`}
            data-testid="person-nationality"
          />
          <span className="mt-1 block text-xs text-slate-500">{t("fields.nationalityHelp")}</span>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("fields.idType")}</span>
          <select
            value={v.idType}
            onChange={(e) => set({ idType: e.target.value as PersonFormValues["idType"] })}
            className={input}
            data-testid="person-idType"
          >
            {ID_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`idTypes.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm sm:col-span-2">
          <span className="font-medium">{t("fields.idNumber")}</span>
          <input
            value={idNumber}
            maxLength={40}
            autoComplete="off"
            disabled={removeId}
            onChange={(e) => setIdNumber(e.target.value)}
            className={`${input} font-mono`}
            data-testid="person-idNumber"
          />
          <span className="mt-1 block text-xs text-slate-500">
            {v.idNumberMasked ? `${t("fields.idNumberStored", { masked: v.idNumberMasked })} · ` : ""}
            {t("fields.idNumberHelp")}
          </span>
          {v.idNumberMasked && (
            <span className="mt-1 flex items-center gap-2 text-xs text-slate-600">
              <input type="checkbox" checked={removeId} onChange={(e) => setRemoveId(e.target.checked)} />
              {t("fields.removeId")}
            </span>
          )}
        </label>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("fields.flags")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {FLAGS.map((flag) => (
            <label key={flag} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                checked={v.flags[flag]}
                onChange={(e) => set({ flags: { ...v.flags, [flag]: e.target.checked } })}
                className="mt-1"
                data-testid={`person-${flag}`}
              />
              <span>{t(`flags.${flag}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <RefusalBox refusal={result} />
      {done && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="person-saved"
        >
          {done}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="person-submit"
      >
        {v.id === null ? t("create") : t("save")}
      </button>
    </form>
  );
}
