import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { plans, registrarListLayouts } from "@/db/schema";
import { notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import type { Actor } from "@/lib/auth/actor";
import {
  DEFAULT_REGISTRAR_COLUMNS,
  REGISTRAR_COLUMNS,
  registrarColumns,
  type RegistrarColumn,
} from "@/lib/features/vesting-batches/registers/registrarList";

type Db = Database | Transaction;

/** The registrar list's column order of a plan, as HR configured it (or the default). */
export interface RegistrarLayout {
  planId: string;
  columns: RegistrarColumn[];
  /** Null while the plan uses the default order. */
  updatedAt: string | null;
}

async function requirePlan(db: Db, planId: string, lock = false): Promise<void> {
  const query = db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
  const [plan] = lock ? await query.for("update") : await query;
  if (!plan) throw notFound("Plan");
}

/**
 * Stored columns read back: a column a later version no longer knows is dropped, so an old layout still
 * draws a list (the default when nothing is left).
 */
function storedColumns(columns: readonly string[]): RegistrarColumn[] {
  const known = columns.filter(
    (c, i): c is RegistrarColumn => (REGISTRAR_COLUMNS as readonly string[]).includes(c) && columns.indexOf(c) === i,
  );
  return known.length > 0 ? known : [...DEFAULT_REGISTRAR_COLUMNS];
}

/** The plan's layout; DEFAULT_REGISTRAR_COLUMNS until HR sets one. NOT_FOUND for an unknown plan. */
export async function getRegistrarLayout(db: Db, planId: string): Promise<RegistrarLayout> {
  await requirePlan(db, planId);
  const [row] = await db.select().from(registrarListLayouts).where(eq(registrarListLayouts.planId, planId));
  return row
    ? { planId, columns: storedColumns(row.columns), updatedAt: row.updatedAt.toISOString() }
    : { planId, columns: [...DEFAULT_REGISTRAR_COLUMNS], updatedAt: null };
}

/**
 * Sets the plan's column order (known columns, each once, at least one: BAD_REQUEST otherwise), one
 * transaction with its audit row (before: the previous order, null for the default).
 */
export async function setRegistrarLayout(
  db: Database,
  actor: Actor,
  planId: string,
  input: { columns: readonly string[] },
): Promise<RegistrarLayout> {
  const columns = registrarColumns(input.columns);
  return db.transaction(async (tx) => {
    await requirePlan(tx, planId, true);
    const [previous] = await tx
      .select({ columns: registrarListLayouts.columns })
      .from(registrarListLayouts)
      .where(eq(registrarListLayouts.planId, planId));
    const updatedAt = new Date();
    await tx
      .insert(registrarListLayouts)
      .values({ planId, columns, updatedAt })
      .onConflictDoUpdate({ target: registrarListLayouts.planId, set: { columns, updatedAt } });
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "plan.registrar_layout",
      entityType: "plan",
      entityId: planId,
      ip: actor.ip,
      before: { columns: previous?.columns ?? null },
      after: { columns },
    });
    return { planId, columns, updatedAt: updatedAt.toISOString() };
  });
}
