/**
 * Yuan amounts as the batch pages show them: the exact decimal string the server sent ("59040.00"),
 * with thousands separators ("59,040.00"); never through a float. Null reads "—".
 */
export function groupYuan(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const negative = value.startsWith("-");
  const [whole = "0", fraction] = (negative ? value.slice(1) : value).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Fen (1/100 yuan) of an amount with at most 2 decimals, exactly. */
function fen(value: string): bigint {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const n = BigInt(whole || "0") * 100n + BigInt((fraction + "00").slice(0, 2));
  return negative ? -n : n;
}

const yuan = (f: bigint): string => {
  const abs = f < 0n ? -f : f;
  return `${f < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
};

/** a − b for yuan strings, with 2 decimals ("59040.00" − "20000.00" = "39040.00"). */
export function minusYuan(a: string, b: string): string {
  return yuan(fen(a) - fen(b));
}

/** The sum of yuan strings, with 2 decimals. */
export function sumYuan(values: readonly string[]): string {
  return yuan(values.reduce((s, v) => s + fen(v), 0n));
}
