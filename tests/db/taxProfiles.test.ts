/**
 * A person's tax facts at vesting: a resident with no account until HR records otherwise; a non-resident
 * only with the reason written down; the Shanghai A-share account as A + nine digits; each change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { getTaxProfile, setTaxProfile, taxProfilesFor } from "@/lib/features/tax/taxProfiles";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { seedAdminCompany, type AdminSeed } from "./support/adminSeed";
import { refusal } from "./support/refusal";

const NOBODY = "6d2b79f5-0000-4000-8000-00000000abcd";

describe.each(BACKENDS)("person tax profiles on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let seed: AdminSeed;

  const counts = async () =>
    (
      await rows<{ profiles: number; audits: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM person_tax_profiles) AS profiles, (SELECT count(*)::int FROM audit_log) AS audits`,
      )
    )[0]!;

  beforeAll(async () => {
    h = await freshDatabase(kind);
    seed = await seedAdminCompany(h.db);
    actor = { userId: seed.hr, ip: "10.0.0.8" };
  });
  afterAll(async () => {
    await h?.close();
  });

  it("reads a resident with no account when nothing was recorded, and 404 for an unknown person", async () => {
    expect(await getTaxProfile(h.db, seed.persons.P001)).toEqual({
      personId: seed.persons.P001,
      resident: true,
      note: null,
      securitiesAccount: null,
      updatedAt: null,
    });
    expect((await refusal(getTaxProfile(h.db, NOBODY))).code).toBe("NOT_FOUND");
  });

  it("refuses a non-resident without a reason and a malformed account, writing nothing", async () => {
    const before = await counts();
    for (const input of [
      { resident: false },
      { resident: false, note: "   " },
      { resident: false, note: null },
      { resident: true, securitiesAccount: "B123456789" },
      { resident: true, securitiesAccount: "A12345678" },
      { resident: true, securitiesAccount: "A1234567890" },
    ]) {
      const e = await setTaxProfile(h.db, actor, seed.persons.P001, input).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e, JSON.stringify(input)).toBeInstanceOf(ZodError);
    }
    const noNote = await setTaxProfile(h.db, actor, seed.persons.P001, { resident: false }).catch((e: ZodError) => e);
    expect((noNote as ZodError).issues.map((i) => i.path.join("."))).toEqual(["note"]);
    expect((await refusal(setTaxProfile(h.db, actor, NOBODY, { resident: true }))).code).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before);
  });

  it("records a non-resident with the reason and an account, then a resident again, each audited", async () => {
    const set = await setTaxProfile(h.db, actor, seed.persons.P002, {
      resident: false,
      note: "外籍，一个纳税年度内在境内居住累计不满183天",
      securitiesAccount: " a123456789 ",
    });
    expect(set).toMatchObject({
      personId: seed.persons.P002,
      resident: false,
      note: "外籍，一个纳税年度内在境内居住累计不满183天",
      securitiesAccount: "A123456789",
    });
    expect(typeof set.updatedAt).toBe("string");
    expect(await getTaxProfile(h.db, seed.persons.P002)).toEqual(set);

    const back = await setTaxProfile(h.db, actor, seed.persons.P002, { resident: true, securitiesAccount: "" });
    expect(back).toMatchObject({ resident: true, note: null, securitiesAccount: null });

    const audits = await rows<{
      action: string;
      entity_type: string;
      entity_id: string;
      before: unknown;
      after: unknown;
    }>(
      h,
      sql`SELECT action, entity_type, entity_id, before, after FROM audit_log WHERE action = 'tax_profile.set' ORDER BY id`,
    );
    expect(audits).toEqual([
      {
        action: "tax_profile.set",
        entity_type: "person_tax_profile",
        entity_id: seed.persons.P002,
        before: null,
        after: {
          resident: false,
          note: "外籍，一个纳税年度内在境内居住累计不满183天",
          securitiesAccount: "A123456789",
        },
      },
      {
        action: "tax_profile.set",
        entity_type: "person_tax_profile",
        entity_id: seed.persons.P002,
        before: {
          resident: false,
          note: "外籍，一个纳税年度内在境内居住累计不满183天",
          securitiesAccount: "A123456789",
        },
        after: { resident: true, note: null, securitiesAccount: null },
      },
    ]);
  });

  it("gives the profiles of several people at once, defaults filled in", async () => {
    await setTaxProfile(h.db, actor, seed.persons.P003, { resident: false, note: "非居民个人" });
    const map = await taxProfilesFor(h.db, [seed.persons.P001, seed.persons.P003, seed.persons.P001]);
    expect([...map.keys()].sort()).toEqual([seed.persons.P001, seed.persons.P003].sort());
    expect(map.get(seed.persons.P001)).toMatchObject({ resident: true, updatedAt: null });
    expect(map.get(seed.persons.P003)).toMatchObject({ resident: false, note: "非居民个人" });
    expect((await taxProfilesFor(h.db, [])).size).toBe(0);
  });
});
