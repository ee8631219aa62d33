import "server-only";

// Departures are recorded, corrected and withdrawn in departures.ts; re-exported here for the callers
// that predate it.
export { recordLeaver } from "@/lib/features/persons/departures";
