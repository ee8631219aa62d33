import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** The benchmark's floor for JSON routes: no database, no session. Only in the benchmark's build. */
export async function GET() {
  return NextResponse.json({ ok: true, at: Date.now() });
}
