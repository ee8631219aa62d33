import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** The benchmark's floor for JSON routes: no database, no session; 404 unless VD_BENCH=1. */
export async function GET() {
  if (process.env.VD_BENCH !== "1") return NextResponse.json({ error: { code: "NOT_FOUND", message: "Not found.", details: null } }, { status: 404 });
  return NextResponse.json({ ok: true, at: Date.now() });
}
