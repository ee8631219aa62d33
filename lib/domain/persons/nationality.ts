/**
 * Nationalities are stored as ISO 3166-1 alpha-2 codes ("CN", "JP"), the form the announcements'
 * allocation table prints beside the Chinese name. People type names ("中国", "日本", "China") or codes.
 */
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
// ZZ is the "unknown region" placeholder, not a nationality.
const CODES = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b)).filter((c) => c !== "ZZ");

const byName = (() => {
  const map = new Map<string, string>();
  for (const locale of ["zh-CN", "en"]) {
    const names = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
    for (const code of CODES) {
      const name = names.of(code);
      if (name) map.set(name.toLowerCase(), code);
    }
  }
  // Names people use that the region list spells differently.
  for (const [name, code] of [
    ["中华人民共和国", "CN"],
    ["中国大陆", "CN"],
    ["香港", "HK"],
    ["中国香港", "HK"],
    ["澳门", "MO"],
    ["中国澳门", "MO"],
    ["台湾", "TW"],
    ["中国台湾", "TW"],
    ["美国", "US"],
    ["usa", "US"],
    ["uk", "GB"],
  ] as const)
    map.set(name, code);
  return map;
})();

const known = new Set(
  CODES.filter((c) => new Intl.DisplayNames(["en"], { type: "region", fallback: "none" }).of(c) !== undefined),
);

/** The ISO code for "CN", "cn", "中国" or "China"; null when it names no region. */
export function parseNationality(raw: string): string | null {
  const t = raw.trim();
  if (/^[A-Za-z]{2}$/.test(t) && known.has(t.toUpperCase())) return t.toUpperCase();
  return byName.get(t.toLowerCase()) ?? null;
}
