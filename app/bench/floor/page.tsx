import { connection } from "next/server";
import { notFound } from "next/navigation";

/** The benchmark's floor: a dynamic page with no database and no session, served only when VD_BENCH=1. */
export default async function BenchFloorPage() {
  await connection();
  if (process.env.VD_BENCH !== "1") notFound();
  return (
    <main className="p-4">
      <p>{new Date().toISOString()}</p>
    </main>
  );
}
