/** Runs once per server process (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleDailyDerivation } = await import("@/lib/features/daily/dailyDerivation");
  scheduleDailyDerivation();
}
