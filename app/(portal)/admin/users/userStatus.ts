import type { UserSummary } from "@/lib/features/admin/schemas";
import { shanghaiTime } from "../_components/shanghaiTime";

/** The one state worth reading first: disabled, then an open invitation, then whether a password exists. */
export function statusText(u: UserSummary, t: (key: string, values?: Record<string, string>) => string): string {
  if (u.disabled) return t("status.disabled");
  if (u.pendingSetup && !u.pendingSetup.expired)
    return t("status.invited", { until: shanghaiTime(u.pendingSetup.expiresAt) });
  if (u.pendingSetup?.expired && !u.hasPassword) return t("status.linkExpired");
  if (!u.hasPassword) return t("status.noPassword");
  return t("status.active");
}
