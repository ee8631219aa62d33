import type { Database } from "@/db/client";
import { issuers, persons, userRoles, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/credentials";

/** A small company for the administration tests: three people and one account per role, password "admin-seed-pass-1". */
export const SEED_PASSWORD = "admin-seed-pass-1";

export interface AdminSeed {
  admin: string;
  hr: string;
  auditor: string;
  employee: string;
  persons: { P001: string; P002: string; P003: string };
}

export async function seedAdminCompany(db: Database): Promise<AdminSeed> {
  const [issuer] = await db
    .insert(issuers)
    .values({ name: "测试科技股份有限公司", nameEn: "Test Tech", stockCode: "688999", parValue: "1.0000" })
    .returning();
  const people = await db
    .insert(persons)
    .values([
      { issuerId: issuer!.id, employeeNo: "P001", name: "张三", position: "工程师" },
      { issuerId: issuer!.id, employeeNo: "P002", name: "李四", position: "经理" },
      { issuerId: issuer!.id, employeeNo: "P003", name: "王五", position: "总监" },
    ])
    .returning({ id: persons.id, employeeNo: persons.employeeNo });
  const byNo = Object.fromEntries(people.map((p) => [p.employeeNo, p.id])) as AdminSeed["persons"];
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const account = async (email: string, role: Role, personId: string | null = null) => {
    const [u] = await db
      .insert(users)
      .values({ email, displayName: `${role} user`, passwordHash, personId })
      .returning({ id: users.id });
    await db.insert(userRoles).values({ userId: u!.id, role });
    return u!.id;
  };
  return {
    admin: await account("admin@test.local", "admin"),
    hr: await account("hr@test.local", "hr"),
    auditor: await account("auditor@test.local", "auditor"),
    employee: await account("employee@test.local", "employee", byNo.P001),
    persons: byNo,
  };
}
