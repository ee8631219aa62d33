/**
 * Issuer, share capital, blackout rule sets, the disclosure calendar, dividends, the workforce (ID
 * numbers encrypted with the app's cipher, one key lookup for all) and the logins of the bench company.
 */
import crypto from "node:crypto";
import type { Transaction } from "@/db/client";
import * as s from "@/db/schema";
import { BLACKOUT_RULES_2022, BLACKOUT_RULES_2024 } from "@/lib/domain/blackout/blackoutRules";
import { addDays } from "@/lib/domain/calendar/isoDate";
import { encryptIdNumber } from "@/lib/platform/idNumberCipher";
import { idNumberKey } from "@/lib/platform/secrets";
import { insertRows } from "./batchInsert";
import { BENCH_GRANTEE_EMAIL, BENCH_STAFF, employeeEmail } from "./benchAccounts";
import { BENCH_ISSUER, BENCH_PEOPLE, BENCH_SHARE_CAPITAL, benchPeople, leaveDateOf, mix } from "./benchCompany";

/** Ids the plan seeding needs. */
export interface BenchFoundation {
  issuerId: string;
  rules2022Id: string;
  rules2024Id: string;
}

/** Issuer, capital, rule sets, company-wide disclosures and dividends up to `asOf`. */
export async function seedIssuer(tx: Transaction, asOf: string): Promise<BenchFoundation> {
  const [issuer] = await tx.insert(s.issuers).values(BENCH_ISSUER).returning({ id: s.issuers.id });
  const issuerId = issuer!.id;
  await tx
    .insert(s.shareCapitalHistory)
    .values({ issuerId, effectiveDate: "2019-07-22", shares: BENCH_SHARE_CAPITAL, note: "IPO (synthetic)" });
  const ruleSets = await tx
    .insert(s.blackoutRuleSets)
    .values(
      [BLACKOUT_RULES_2022, BLACKOUT_RULES_2024].map((r) => ({
        name: r.name,
        annualDays: r.annualDays,
        quarterlyDays: r.quarterlyDays,
        isPreset: true,
      })),
    )
    .returning();
  await insertRows(
    tx,
    s.disclosureEvents,
    companyDisclosures(asOf).map((d) => ({ issuerId, planId: null, ...d })),
  );
  await insertRows(
    tx,
    s.corporateActions,
    dividends(asOf).map((d) => ({ issuerId, type: "dividend" as const, ...d })),
  );
  return {
    issuerId,
    rules2022Id: ruleSets.find((r) => r.name === BLACKOUT_RULES_2022.name)!.id,
    rules2024Id: ruleSets.find((r) => r.name === BLACKOUT_RULES_2024.name)!.id,
  };
}

type Disclosure = Omit<typeof s.disclosureEvents.$inferInsert, "issuerId" | "planId">;

/** Periodic reports FY2019 onwards, forecasts, and a major event around `asOf`; future reports only scheduled. */
function companyDisclosures(asOf: string): Disclosure[] {
  const out: Disclosure[] = [];
  const lastYear = Number(asOf.slice(0, 4));
  const dated = (date: string) => ({ scheduledDate: date, actualDate: date <= asOf ? date : null });
  for (let fy = 2019; fy <= lastYear; fy++) {
    const y = fy + 1;
    const day = (md: string, spread: number, salt: number) => addDays(`${y}-${md}`, mix(fy, salt) % spread);
    out.push({
      kind: "performance_forecast",
      title: `${fy}年年度业绩预告`,
      fiscalYear: fy,
      ...dated(day("01-18", 10, 1)),
    });
    out.push({ kind: "annual_report", title: `${fy}年年度报告`, fiscalYear: fy, ...dated(day("04-15", 14, 2)) });
    out.push({ kind: "q1_report", title: `${y}年第一季度报告`, fiscalYear: y, ...dated(day("04-24", 6, 3)) });
    if (y <= lastYear) {
      out.push({ kind: "semi_annual_report", title: `${y}年半年度报告`, fiscalYear: y, ...dated(day("08-18", 10, 4)) });
      out.push({ kind: "q3_report", title: `${y}年第三季度报告`, fiscalYear: y, ...dated(day("10-22", 7, 5)) });
    }
  }
  out.push({
    kind: "major_event",
    title: "筹划重大资产重组事项",
    titleEn: "planning a major asset restructuring",
    startDate: addDays(asOf, -5),
    endDate: addDays(asOf, 6),
  });
  return out;
}

/** A cash dividend every June from 2021, up to `asOf`. */
function dividends(asOf: string) {
  const out: { exDate: string; v: string; description: string }[] = [];
  for (let y = 2021; `${y}-06-20` <= asOf; y++) {
    const v = (0.3 + (mix(y, 11) % 25) / 100).toFixed(2);
    out.push({
      exDate: `${y}-06-${String(10 + (mix(y, 12) % 9)).padStart(2, "0")}`,
      v,
      description: `${y - 1}年度利润分配：每股派发现金红利${v}元（含税）`,
    });
  }
  return out;
}

/** Persons 1..employees (ids made here, so no RETURNING round trip); returns person ids by index (0 unused). */
export async function seedPeople(
  tx: Transaction,
  issuerId: string,
  employees: number,
  asOf: string,
): Promise<string[]> {
  const key = idNumberKey();
  const ids: string[] = [""];
  const rows = benchPeople(employees).map((p) => {
    const id = crypto.randomUUID();
    ids.push(id);
    const planned = leaveDateOf(p.index);
    const leaveDate = planned !== null && planned <= asOf ? planned : null;
    const director = BENCH_PEOPLE.directors.includes(p.index);
    return {
      id,
      issuerId,
      employeeNo: p.employeeNo,
      name: p.name,
      namePinyin: p.namePinyin,
      position: director
        ? "董事、副总经理"
        : p.index === BENCH_PEOPLE.independentDirector
          ? "独立董事"
          : p.index === BENCH_PEOPLE.supervisor
            ? "监事"
            : p.position,
      department: p.department,
      nationality: p.nationality,
      idNumberEnc: encryptIdNumber(p.idNumber, key),
      idNumberLast4: p.idNumber.slice(-4),
      employmentStatus: leaveDate ? ("left" as const) : ("active" as const),
      leaveDate,
      isDirector: director,
      isSeniorManager: director,
      isForeign: p.isForeign,
      isIndependentDirector: p.index === BENCH_PEOPLE.independentDirector,
      isSupervisor: p.index === BENCH_PEOPLE.supervisor,
    };
  });
  await insertRows(tx, s.persons, rows);
  return ids;
}

/** The grantee, the staff logins and every n-th employee (about `users` logins), all with one password hash. */
export async function seedUsers(
  tx: Transaction,
  personIds: string[],
  employees: number,
  users: number,
  passwordHash: string,
): Promise<number> {
  const people = benchPeople(employees);
  const step = Math.max(1, Math.round(employees / Math.max(1, users)));
  const rows: (typeof s.users.$inferInsert)[] = [];
  const roles: (typeof s.userRoles.$inferInsert)[] = [];
  const add = (email: string, displayName: string, personId: string | null, role: "employee" | "hr" | "admin") => {
    const id = crypto.randomUUID();
    rows.push({ id, email, displayName, passwordHash, personId, locale: "zh-CN" });
    roles.push({ userId: id, role });
  };
  add(BENCH_GRANTEE_EMAIL, people[BENCH_PEOPLE.grantee - 1]!.name, personIds[BENCH_PEOPLE.grantee]!, "employee");
  for (const staff of BENCH_STAFF) add(staff.email, staff.displayName, null, staff.role);
  for (const p of people) {
    if (p.index !== BENCH_PEOPLE.grantee && p.index % step === 0)
      add(employeeEmail(p.employeeNo), p.name, personIds[p.index]!, "employee");
  }
  await insertRows(tx, s.users, rows);
  await insertRows(tx, s.userRoles, roles);
  return rows.length;
}
