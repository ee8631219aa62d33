/**
 * The measured stretches of a profile run: home-page requests one after another on one connection, each
 * stretch timed on the clock the server's CPU profile uses, and RSC payloads sampled outside them.
 */
import path from "node:path";
import type { ProfileWindow } from "./cpuProfileBuckets";
import {
  clientModulePaths,
  flightSummary,
  homeHtml,
  homeRsc,
  htmlElementCount,
  inlinedFlight,
  oneConnection,
} from "./homeRequests";
import type { MeasuredRequest, RscMeasure } from "./profileReport";

/**
 * Monotonic microseconds. V8 stamps profiles with its TimeTicks, CLOCK_MONOTONIC on Linux, as is
 * process.hrtime: one clock across processes, so a window measured here selects the server's samples.
 */
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Requests the home page once per cookie, in order; the window runs from the first request to a short tail after the last. */
export async function profiledWindow(name: string, base: string, cookies: string[]) {
  const agent = oneConnection();
  const measured: MeasuredRequest[] = [];
  const startUs = nowUs();
  try {
    for (const cookie of cookies) {
      const res = await homeHtml(agent, base, cookie);
      const html = res.body.toString("utf8");
      measured.push({
        ms: res.ms,
        wireBytes: res.wireBytes,
        bytes: res.body.length,
        elements: htmlElementCount(html),
        inlinedFlightChars: inlinedFlight(html).chars,
      });
    }
    // Work a response leaves behind (last-seen writes, stream teardown) still belongs to its request.
    await sleep(250);
  } finally {
    agent.destroy();
  }
  const window: ProfileWindow = { name, startUs, endUs: nowUs(), requests: cookies.length };
  return { window, measured };
}

/** The RSC payload of the home page for each cookie, client references named by module path where the build tells. */
export async function rscSample(base: string, cookies: string[]): Promise<RscMeasure[]> {
  const agent = oneConnection();
  const modules = clientModulePaths(path.join(process.cwd(), ".next-bench"), "(portal)");
  const out: RscMeasure[] = [];
  try {
    for (const cookie of cookies) {
      const res = await homeRsc(agent, base, cookie);
      const flight = flightSummary(res.body);
      flight.clientReferences = flight.clientReferences.map((ref) => {
        const [id, name] = ref.split("#");
        return `${modules.get(id!) ?? id}#${name}`;
      });
      out.push({ wireBytes: res.wireBytes, bytes: res.body.length, flight });
    }
  } finally {
    agent.destroy();
  }
  return out;
}
