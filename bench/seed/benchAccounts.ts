/** Logins of the benchmark company: one shared, published password (synthetic data only). */

/** BENCH_PASSWORD or the documented default; long enough for the login form's rules. */
export function benchPassword(): string {
  return process.env.BENCH_PASSWORD || "vesting-bench-2026";
}

/** The grantee whose home page and grants the benchmark measures (person 1, grants in plans 1-3). */
export const BENCH_GRANTEE_EMAIL = "grantee@bench.local";
/** Staff logins: the admin downloads the registers. */
export const BENCH_STAFF = [
  { email: "admin@bench.local", displayName: "基准管理员 Bench admin", role: "admin" as const },
  { email: "hr@bench.local", displayName: "基准人事 Bench HR", role: "hr" as const },
];

/** E-mail of a sampled employee's login. */
export function employeeEmail(employeeNo: string): string {
  return `${employeeNo.toLowerCase()}@bench.local`;
}
