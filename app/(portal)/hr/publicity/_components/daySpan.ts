import { daysBetween, isIsoDate } from "@/lib/domain/calendar/isoDate";

/** Calendar days from `from` to `to`, both counted; null while a date is incomplete. */
export function inclusiveDays(from: string, to: string): number | null {
  return isIsoDate(from) && isIsoDate(to) ? daysBetween(from, to) + 1 : null;
}

/** Days from `from` to `to` (the verification lead); null while a date is incomplete. */
export function leadDays(from: string, to: string): number | null {
  return isIsoDate(from) && isIsoDate(to) ? daysBetween(from, to) : null;
}
