import "server-only";
import { importWarning, type ImportWarning } from "@/lib/features/imports/importWarnings";
import type { ParticipantRow } from "@/lib/features/participants/rowShape";

/** Codes of the warnings a participant list can carry; applying needs each accepted. */
export const LIST_WARNING_CODES = ["POSITION_COLUMN_MISSING"] as const;
export type ListWarningCode = (typeof LIST_WARNING_CODES)[number];

const TEXTS: Record<ListWarningCode, ImportWarning["text"]> = {
  POSITION_COLUMN_MISSING: {
    en: "The list has no position (职务) column: the list and the public notice will show each person's position from the HR records.",
    zh: "名单没有“职务”列：名单及公示将使用人员档案中登记的职务。",
  },
};

/**
 * What a list would change without saying so. The internal publicity prints each participant's
 * position, so a list that gives none (a file without a 职务 column, JSON rows without `position`)
 * would publish whatever the HR records hold: the user must accept that knowingly.
 */
export function listWarnings(rows: readonly ParticipantRow[]): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  if (rows.length > 0 && rows.every((r) => r.position === undefined))
    warnings.push(importWarning("POSITION_COLUMN_MISSING", TEXTS.POSITION_COLUMN_MISSING, { rows: rows.length }));
  return warnings;
}
