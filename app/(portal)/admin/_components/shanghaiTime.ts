/** An instant as Shanghai wall-clock time, "2026-03-02 09:15"; the portal's times are all Beijing time. */
export function shanghaiTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return "";
  // China keeps +08:00 all year, so a fixed shift is exact.
  const local = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return local.slice(0, withSeconds ? 19 : 16).replace("T", " ");
}
