import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { issuers, plans } from "@/db/schema";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";

/** The issuer of a plan, or the installation's single issuer for a company-wide event. */
export async function issuerOf(tx: Database | Transaction, planId: string | null): Promise<string> {
  if (planId) {
    const [plan] = await tx.select({ issuerId: plans.issuerId }).from(plans).where(eq(plans.id, planId));
    if (!plan) throw notFound("Plan");
    return plan.issuerId;
  }
  const rows = await tx.select({ id: issuers.id }).from(issuers).limit(2);
  if (rows.length === 0) throw notFound("Issuer");
  if (rows.length > 1)
    throw new ApiError("ISSUER_AMBIGUOUS", "Several issuers exist: give the plan the event belongs to.");
  return rows[0]!.id;
}
