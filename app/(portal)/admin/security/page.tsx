import { getTranslations } from "next-intl/server";
import { loginThrottlesForAdmin, type LoginThrottle } from "@/lib/features/admin/loginThrottles";
import { STAFF_FACTOR_LIMIT, staffFactorsForAdmin, type StaffFactorStatus } from "@/lib/features/admin/secondFactors";
import { MAX_STAFF_GRACE_DAYS, securitySettingsForAdmin } from "@/lib/features/admin/securitySettings";
import { FREE_FAILURES } from "@/lib/domain/access/secondFactorPolicy";
import { page } from "@/lib/auth/procedures/page";
import { PageHeader } from "../../_components/PageHeader";
import { shanghaiTime } from "../_components/shanghaiTime";
import { ClearThrottleButton } from "./ClearThrottleButton";
import { GraceSettingForm } from "./GraceSettingForm";
import { ResetFactorsButton } from "./ResetFactorsButton";

export const dynamic = "force-dynamic";

type T = Awaited<ReturnType<typeof getTranslations>>;

/**
 * Sign-in security: the staff grace period before a second factor is forced, the accounts and addresses
 * slowed down by failed sign-ins (each clearable), and every staff account's second factor with a reset.
 */
export default page({ access: "adminOnly" }, async ({ user: me }) => {
  const [settings, throttles, accounts] = await Promise.all([
    securitySettingsForAdmin(),
    loginThrottlesForAdmin(),
    staffFactorsForAdmin(),
  ]);
  const t = await getTranslations("adminSecurity");
  const box = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} testId="admin-security-title" />

      <section className={box} aria-labelledby="grace-title" data-testid="security-grace">
        <h2 id="grace-title" className="text-lg font-semibold">
          {t("grace.title")}
        </h2>
        <GraceSettingForm staffGraceDays={settings.staffGraceDays} max={MAX_STAFF_GRACE_DAYS} />
        <p className="text-sm text-slate-600">{t("grace.hint", { from: shanghaiTime(settings.graceFrom) })}</p>
        <p className="text-xs text-slate-500">
          {settings.updatedBy
            ? t("grace.updated", { at: shanghaiTime(settings.updatedAt), by: settings.updatedBy.email })
            : t("grace.neverChanged")}
        </p>
      </section>

      <section className="space-y-3" aria-labelledby="throttles-title">
        <h2 id="throttles-title" className="text-lg font-semibold">
          {t("throttles.title")}
        </h2>
        <p className="text-sm text-slate-600">
          {t("throttles.intro", { account: FREE_FAILURES.account, ip: FREE_FAILURES.ip })}
        </p>
        {throttles.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="throttle-empty">
            {t("throttles.empty")}
          </p>
        ) : (
          <ul
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            data-testid="throttle-list"
          >
            {throttles.map((r) => (
              <ThrottleRow key={`${r.kind}:${r.key}`} row={r} t={t} />
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-3" aria-labelledby="factors-title">
        <h2 id="factors-title" className="text-lg font-semibold">
          {t("factors.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("factors.intro")}</p>
        {accounts.length === 0 ? (
          <p className="text-sm text-slate-600">{t("factors.empty")}</p>
        ) : (
          <ul
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            data-testid="factor-list"
          >
            {accounts.map((a) => (
              <FactorRow key={a.id} account={a} isSelf={a.id === me.id} t={t} />
            ))}
          </ul>
        )}
        {accounts.length >= STAFF_FACTOR_LIMIT && (
          <p className="text-xs text-slate-500">{t("factors.limited", { n: STAFF_FACTOR_LIMIT })}</p>
        )}
      </section>
    </div>
  );
});

function ThrottleRow({ row, t }: { row: LoginThrottle; t: T }) {
  const label =
    row.kind === "ip"
      ? row.key
      : row.user
        ? row.user.email
        : row.key.startsWith("account:")
          ? row.key
          : t("throttles.unknownAccount", { key: row.key });
  return (
    <li className="flex flex-wrap items-start gap-x-4 gap-y-2 p-3 text-sm" data-testid="throttle-row">
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="flex flex-wrap items-baseline gap-2">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {t(`throttles.kinds.${row.kind}`)}
          </span>
          <span className="break-all font-medium" data-testid="throttle-key">
            {label}
          </span>
        </p>
        {row.user?.displayName && <p className="text-xs text-slate-500">{row.user.displayName}</p>}
        <p className="text-slate-600">
          <span data-testid="throttle-failures">{t("throttles.failures", { n: row.failures })}</span>
          {" · "}
          {t("throttles.last", { at: shanghaiTime(row.lastFailureAt, true) })}
          {" · "}
          <span className={row.waitMs > 0 ? "font-medium text-rose-700" : ""} data-testid="throttle-wait">
            {row.waitMs > 0 ? t("throttles.waiting", { time: duration(row.waitMs, t) }) : t("throttles.notWaiting")}
          </span>
        </p>
      </div>
      <ClearThrottleButton kind={row.kind} throttleKey={row.key} label={label} />
    </li>
  );
}

function FactorRow({ account: a, isSelf, t }: { account: StaffFactorStatus; isSelf: boolean; t: T }) {
  const status =
    a.factors.length > 0
      ? t("factors.status.enrolled")
      : !a.required
        ? t("factors.status.optional")
        : a.overdue
          ? t("factors.status.overdue")
          : t("factors.status.grace", { until: shanghaiTime(a.enrolBy) });
  const tone = a.factors.length > 0 ? "text-emerald-700" : a.overdue ? "text-rose-700" : "text-amber-700";
  const name = a.displayName || a.email;
  return (
    <li className="flex flex-wrap items-start gap-x-4 gap-y-2 p-3 text-sm" data-testid="factor-row">
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium">
          {name}
          {a.disabled && (
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
              {t("factors.disabled")}
            </span>
          )}
        </p>
        <p className="break-all text-xs text-slate-500">
          {a.email} · {a.roles.map((r) => t(`roleNames.${r}`)).join(" · ")}
        </p>
        <p className={`font-medium ${tone}`} data-testid="factor-status">
          {status}
        </p>
        {a.factors.length > 0 && (
          <ul className="space-y-0.5 text-slate-600" data-testid="factor-items">
            {a.factors.map((f) => (
              <li key={f.id}>
                {t(`factors.kinds.${f.kind}`)} “{f.label}” · {t("factors.added", { at: shanghaiTime(f.createdAt) })}
                {" · "}
                {f.lastUsedAt ? t("factors.lastUsed", { at: shanghaiTime(f.lastUsedAt) }) : t("factors.neverUsed")}
              </li>
            ))}
            <li className="text-xs text-slate-500">{t("factors.recoveryLeft", { n: a.recoveryCodesLeft })}</li>
          </ul>
        )}
      </div>
      {isSelf ? (
        <p className="w-full text-xs text-slate-500 sm:w-56">{t("factors.you")}</p>
      ) : (
        // Nothing to reset for an account without a factor: it would only sign them out and alarm them.
        (a.factors.length > 0 || a.recoveryCodesLeft > 0) && <ResetFactorsButton userId={a.id} name={name} />
      )}
    </li>
  );
}

function duration(ms: number, t: T): string {
  return ms >= 60_000
    ? t("minutes", { n: Math.ceil(ms / 60_000) })
    : t("seconds", { n: Math.max(1, Math.ceil(ms / 1000)) });
}
