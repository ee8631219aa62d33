/**
 * Builds the synthetic bench company in one transaction, or tops an existing one up to more grants
 * (same people, same plans so far: the bench grantee's grants never change). Refuses a database that
 * holds anything else, so it can never write into real data.
 */
import { count, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import * as s from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { BLACKOUT_RULES_2022, BLACKOUT_RULES_2024 } from "@/lib/domain/blackout/blackoutRules";
import { appendAudit } from "@/lib/platform/auditTrail";
import { loadTradingCalendar } from "@/lib/features/derivation/planInputs";
import { employeeNo } from "@/db/seed/syntheticPeople";
import { benchPassword } from "./benchAccounts";
import { BENCH_ISSUER, BENCH_SHARE_CAPITAL } from "./benchCompany";
import { seedIssuer, seedPeople, seedUsers, type BenchFoundation } from "./seedFoundation";
import { seedGrantSlots, type PlanSeedTimings } from "./seedPlans";

export interface BenchSeedOptions {
  employees: number;
  grants: number;
  /** Logins for about this many employees (default: one in ten). */
  users?: number;
  asOf: string;
}

export interface BenchSeedResult {
  toppedUp: boolean;
  employees: number;
  grants: number;
  addedGrants: number;
  plansTouched: number;
  users: number;
  seconds: { total: number; people: number; grants: number; derive: number; checks: number };
}

/** Seeds (or tops up) the bench company; throws, writing nothing, when the database holds other data or the caps would break. */
export async function seedBenchCompany(db: Database, options: BenchSeedOptions): Promise<BenchSeedResult> {
  if (!Number.isSafeInteger(options.employees) || options.employees < 10)
    throw new Error("--employees must be at least 10");
  if (!Number.isSafeInteger(options.grants) || options.grants < 0) throw new Error("--grants must be a whole number");
  const started = performance.now();
  // Hashed once, outside the transaction: argon2 is deliberately slow, and every bench login shares it.
  const passwordHash = await hashPassword(benchPassword());
  const result = await db.transaction(async (tx) => {
    const timings: PlanSeedTimings = { grants: 0, derive: 0 };
    const existing = await existingCompany(tx);
    let foundation: BenchFoundation;
    let personIds: string[];
    let users = 0;
    const t0 = performance.now();
    if (existing) {
      if (existing.employees !== options.employees)
        throw new Error(
          `the bench company has ${existing.employees} employees; a top-up keeps them (--employees ${existing.employees})`,
        );
      if (existing.grants > options.grants)
        throw new Error(
          `the bench company already has ${existing.grants} grants (more than --grants ${options.grants})`,
        );
      if (existing.asOf && existing.asOf !== options.asOf)
        throw new Error(
          `the bench company was derived for ${existing.asOf}; top it up with the same date (VD_TODAY=${existing.asOf})`,
        );
      foundation = existing.foundation;
      personIds = await personIdsOf(tx, options.employees);
    } else {
      foundation = await seedIssuer(tx, options.asOf);
      personIds = await seedPeople(tx, foundation.issuerId, options.employees, options.asOf);
      users = await seedUsers(
        tx,
        personIds,
        options.employees,
        options.users ?? Math.ceil(options.employees / 10),
        passwordHash,
      );
    }
    const t1 = performance.now();
    const calendar = await loadTradingCalendar(tx);
    const from = existing?.grants ?? 0;
    const plansTouched = await seedGrantSlots(
      tx,
      { ...foundation, asOf: options.asOf, calendar, employees: options.employees, personIds },
      from,
      options.grants,
      timings,
    );
    const t2 = performance.now();
    await checkCaps(tx);
    await appendAudit(tx, {
      actorUserId: null,
      action: existing ? "seed.bench.top_up" : "seed.bench",
      entityType: "issuer",
      entityId: foundation.issuerId,
      after: { employees: options.employees, grants: options.grants, from },
    });
    const seconds = (a: number, b: number) => Math.round(b - a) / 1000;
    return {
      toppedUp: Boolean(existing),
      employees: options.employees,
      grants: options.grants,
      addedGrants: options.grants - from,
      plansTouched,
      users,
      seconds: {
        total: seconds(started, performance.now()),
        people: seconds(t0, t1),
        grants: Math.round(timings.grants * 1000) / 1000,
        derive: Math.round(timings.derive * 1000) / 1000,
        checks: seconds(t2, performance.now()),
      },
    };
  });
  // A bulk load leaves the planner without statistics until autovacuum gets to it (never, where it is
  // off): the grantee's query then scanned all 100,000 grants (3 s) instead of using grants_person_idx.
  await db.execute(sql`ANALYZE`);
  return result;
}

async function existingCompany(tx: Transaction) {
  const issuers = await tx.select().from(s.issuers);
  if (issuers.length === 0) return null;
  const issuer = issuers[0]!;
  if (issuers.length > 1 || issuer.stockCode !== BENCH_ISSUER.stockCode || issuer.name !== BENCH_ISSUER.name) {
    throw new Error(
      "the database holds another company: bench:seed writes only into an empty database or its own bench company",
    );
  }
  const rules = await tx.select({ id: s.blackoutRuleSets.id, name: s.blackoutRuleSets.name }).from(s.blackoutRuleSets);
  const [people] = await tx.select({ n: count() }).from(s.persons);
  const [grants] = await tx.select({ n: count() }).from(s.grants);
  const [derived] = await tx.select({ on: sql<string | null>`max(${s.plans.derivedOn})` }).from(s.plans);
  return {
    employees: Number(people?.n ?? 0),
    grants: Number(grants?.n ?? 0),
    asOf: derived?.on ?? null,
    foundation: {
      issuerId: issuer.id,
      rules2022Id: rules.find((r) => r.name === BLACKOUT_RULES_2022.name)!.id,
      rules2024Id: rules.find((r) => r.name === BLACKOUT_RULES_2024.name)!.id,
    },
  };
}

async function personIdsOf(tx: Transaction, employees: number): Promise<string[]> {
  const rows = await tx.select({ id: s.persons.id, employeeNo: s.persons.employeeNo }).from(s.persons);
  const byNo = new Map(rows.map((r) => [r.employeeNo, r.id]));
  return Array.from({ length: employees + 1 }, (_, i) => (i === 0 ? "" : (byNo.get(employeeNo(i)) ?? "")));
}

/** The 1 % per-person and 20 % all-plans caps over every plan (stricter than the rules, which count plans in validity). */
async function checkCaps(tx: Transaction) {
  const [person] = await tx
    .select({ max: sql<string | null>`max(t.q)` })
    .from(sql`(SELECT sum(${s.grants.quantity}) AS q FROM ${s.grants} GROUP BY ${s.grants.personId}) t`);
  const [plans] = await tx.select({ total: sql<string | null>`sum(${s.plans.totalQuantity})` }).from(s.plans);
  const personMax = Number(person?.max ?? 0);
  const allPlans = Number(plans?.total ?? 0);
  if (personMax * 100 > BENCH_SHARE_CAPITAL)
    throw new Error(`a person would hold ${personMax} shares, above 1 % of ${BENCH_SHARE_CAPITAL}`);
  if (allPlans * 5 > BENCH_SHARE_CAPITAL)
    throw new Error(
      `all plans would total ${allPlans} shares, above 20 % of ${BENCH_SHARE_CAPITAL}: fewer grants, please`,
    );
}
