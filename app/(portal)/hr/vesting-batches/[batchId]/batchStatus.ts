import type { VestingBatchStatus } from "@/lib/features/vesting-batches/batchDto";

const STATUSES = [
  "draft",
  "conditions_confirmed",
  "payment_open",
  "payment_closed",
  "registered",
  "announced",
] as const;

/** A step of a batch's life, in order. */
export type BatchStatus = (typeof STATUSES)[number];

/** The badge colour of a status: a draft is pending, an announced batch done, everything between under way. */
export const BADGE: Record<BatchStatus, string> = {
  draft: "pending",
  conditions_confirmed: "vestable",
  payment_open: "vestable",
  payment_closed: "vestable",
  registered: "vestable",
  announced: "vested",
};

/** Whether a batch at `status` has got as far as `step`. */
export function reached(status: VestingBatchStatus, step: BatchStatus): boolean {
  return STATUSES.indexOf(status) >= STATUSES.indexOf(step);
}
