import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { bearerToken, hashApiToken } from "@/lib/auth/apiTokenSecret";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/features/admin/apiTokens";
import { apiTokenSummarySchema } from "@/lib/features/admin/schemas";
import { updateUser } from "@/lib/features/admin/commands";
import type { Actor } from "@/lib/auth/actor";
import { seedAdminCompany, type AdminSeed } from "./support/adminSeed";
import { refusal } from "./support/refusal";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

describe.each(BACKENDS)("API tokens on %s", (kind) => {
  let h: DatabaseHandle;
  let seed: AdminSeed;
  let admin: Actor;
  const auditCount = async () => (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;

  beforeAll(async () => {
    h = await freshDatabase(kind);
    seed = await seedAdminCompany(h.db);
    admin = { userId: seed.admin, ip: "10.4.4.4" };
  });
  afterAll(async () => h?.close());

  it("creates a vd_ token shown once: only its SHA-256 and a display prefix are stored", async () => {
    const created = await createApiToken(h.db, admin, {
      name: "Audit export robot",
      role: "auditor",
      userId: seed.auditor,
    });
    expect(created.token).toMatch(/^vd_[A-Za-z0-9_-]{43}$/);
    expect(bearerToken(`Bearer ${created.token}`)).toBe(created.token);
    expect(created.apiToken).toMatchObject({
      name: "Audit export robot",
      role: "auditor",
      prefix: created.token.slice(0, 10),
      revokedAt: null,
      lastUsedAt: null,
      owner: { id: seed.auditor, email: "auditor@test.local", disabled: false },
      createdBy: { id: seed.admin, email: "admin@test.local" },
    });
    const [stored] = await h.db.select().from(apiTokens).where(eq(apiTokens.id, created.apiToken.id));
    expect(stored).toMatchObject({
      tokenHash: hashApiToken(created.token),
      tokenPrefix: created.token.slice(0, 10),
      role: "auditor",
      userId: seed.auditor,
      createdByUserId: seed.admin,
    });
    const everything =
      JSON.stringify(await rows(h, sql`SELECT * FROM api_tokens`)) +
      JSON.stringify(await rows(h, sql`SELECT before, after FROM audit_log`));
    expect(everything).not.toContain(created.token);
    const [audit] = await rows<{ action: string; actor_user_id: string; entity_id: string; after: unknown }>(
      h,
      sql`SELECT action, actor_user_id, entity_id, after FROM audit_log WHERE entity_type = 'api_token'`,
    );
    expect(audit).toEqual({
      action: "api_token.create",
      actor_user_id: seed.admin,
      entity_id: created.apiToken.id,
      after: {
        name: "Audit export robot",
        role: "auditor",
        ownerUserId: seed.auditor,
        prefix: created.token.slice(0, 10),
      },
    });
  });

  it("lists tokens newest first without the token or its hash", async () => {
    const second = await createApiToken(h.db, admin, { name: "HR sync", role: "hr", userId: seed.hr });
    const list = await listApiTokens(h.db);
    expect(list.map((t) => t.name)).toEqual(["HR sync", "Audit export robot"]);
    for (const item of list) {
      expect(apiTokenSummarySchema.strict().safeParse(item).success).toBe(true);
      expect(Object.keys(item)).not.toContain("tokenHash");
    }
    const text = JSON.stringify(list);
    expect(text).not.toContain(second.token);
    expect(text).not.toContain(hashApiToken(second.token));
  });

  it("refuses an owner who does not hold the role, a disabled owner and an unknown one, writing nothing", async () => {
    const audits = await auditCount();
    const lacks = await refusal(createApiToken(h.db, admin, { name: "x", role: "admin", userId: seed.hr }));
    expect([lacks.status, lacks.code]).toEqual([422, "OWNER_LACKS_ROLE"]);
    await updateUser(h.db, admin, seed.employee, { disabled: true });
    const afterDisable = await auditCount();
    const disabled = await refusal(createApiToken(h.db, admin, { name: "x", role: "employee", userId: seed.employee }));
    expect([disabled.status, disabled.code]).toEqual([422, "OWNER_DISABLED"]);
    const unknown = await refusal(
      createApiToken(h.db, admin, { name: "x", role: "hr", userId: "6d2b79f5-0000-4000-8000-00000000abcd" }),
    );
    expect([unknown.status, unknown.code]).toEqual([422, "UNKNOWN_USER"]);
    expect(afterDisable).toBe(audits + 1);
    expect(await auditCount()).toBe(afterDisable);
    expect((await listApiTokens(h.db)).length).toBe(2);
  });

  it("revokes a token once: revokedAt is set, a second revocation keeps it and audits nothing more", async () => {
    const [target] = (await listApiTokens(h.db)).filter((t) => t.name === "HR sync");
    const revoked = await revokeApiToken(h.db, admin, target!.id);
    expect(revoked.revokedAt).not.toBeNull();
    const [stored] = await h.db
      .select({ revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, target!.id));
    expect(stored!.revokedAt!.toISOString()).toBe(revoked.revokedAt);
    const audits = await auditCount();
    const again = await revokeApiToken(h.db, admin, target!.id);
    expect(again.revokedAt).toBe(revoked.revokedAt);
    expect(await auditCount()).toBe(audits);
    const audit = await rows<{ action: string; entity_id: string; before: unknown; after: unknown }>(
      h,
      sql`SELECT action, entity_id, before, after FROM audit_log WHERE action = 'api_token.revoke'`,
    );
    expect(audit).toEqual([
      {
        action: "api_token.revoke",
        entity_id: target!.id,
        before: { revokedAt: null },
        after: { name: "HR sync", revokedAt: revoked.revokedAt },
      },
    ]);
    // The other token is untouched.
    expect((await listApiTokens(h.db)).find((t) => t.name === "Audit export robot")!.revokedAt).toBeNull();
    expect((await refusal(revokeApiToken(h.db, admin, "6d2b79f5-0000-4000-8000-00000000abcd"))).status).toBe(404);
    expect((await refusal(revokeApiToken(h.db, admin, "not-a-uuid"))).status).toBe(404);
  });
});
