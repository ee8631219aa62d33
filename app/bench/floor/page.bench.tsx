import { connection } from "next/server";

/** The benchmark's floor: a dynamic page with no database and no session. Only in the benchmark's build. */
export default async function BenchFloorPage() {
  await connection();
  return (
    <main className="p-4">
      <p>{new Date().toISOString()}</p>
    </main>
  );
}
