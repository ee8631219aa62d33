import { tryParseIsoDate } from "../calendar/isoDate";
import { violation, type RuleViolation } from "../errors";

/** Identity documents the securities registrar accepts for a natural-person account holder. */
export const ID_TYPES = [
  "resident_id",
  "passport",
  "hk_macau_permit",
  "taiwan_permit",
  "foreign_permanent_residence",
  "other",
] as const;
export type IdType = (typeof ID_TYPES)[number];

// GB 11643-1999 (公民身份号码): ISO 7064 MOD 11-2 over the first 17 digits.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** The check character an 18-character number must end in, from its first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11]!;
}

/** Upper case, without the spaces and hyphens people type into numbers. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

// Formats as issued: 港澳居民来往内地通行证 H/M + 8 or 10 digits; 台湾居民来往大陆通行证 8 digits (older ones
// with a letter suffix); 外国人永久居留身份证 3 letters + 12 digits (2004 version) or 18 characters starting 9
// with the resident-ID check digit (2023 version).
const FORMATS: Record<Exclude<IdType, "resident_id">, RegExp> = {
  passport: /^[A-Z0-9]{5,20}$/,
  hk_macau_permit: /^[HM]\d{8}(\d{2})?$/,
  taiwan_permit: /^\d{8}([A-Z]{1,2})?$/,
  foreign_permanent_residence: /^([A-Z]{3}\d{12}|9\d{16}[\dX])$/,
  other: /^[A-Z0-9()（）]{1,30}$/,
};

/**
 * Checks an ID number against its document type: the resident ID card's length, birth date and check
 * digit, and the published formats of the others. Returns the violations, empty when it is well formed.
 */
export function checkIdNumber(idType: IdType, raw: string): RuleViolation[] {
  const n = normaliseIdNumber(raw);
  if (idType === "resident_id" || (idType === "foreign_permanent_residence" && n.length === 18)) {
    if (!/^\d{17}[\dX]$/.test(n)) return [violation("ID_NUMBER_INVALID", { idType })];
    if (idType === "resident_id") {
      const birth = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
      if (!tryParseIsoDate(birth) || birth < "1900-01-01") return [violation("ID_NUMBER_INVALID", { idType })];
    }
    const expected = residentIdCheckChar(n.slice(0, 17));
    if (n[17] !== expected) return [violation("ID_NUMBER_CHECK_DIGIT", { idType, expected })];
    return [];
  }
  return FORMATS[idType].test(n) ? [] : [violation("ID_NUMBER_INVALID", { idType })];
}

/** The documents' names as forms and files write them, in Chinese and English. */
export const ID_TYPE_LABELS: Readonly<Record<IdType, { zh: string; en: string }>> = {
  resident_id: { zh: "居民身份证", en: "Resident ID card" },
  passport: { zh: "护照", en: "Passport" },
  hk_macau_permit: { zh: "港澳居民来往内地通行证", en: "Mainland travel permit for Hong Kong and Macao residents" },
  taiwan_permit: { zh: "台湾居民来往大陆通行证", en: "Mainland travel permit for Taiwan residents" },
  foreign_permanent_residence: { zh: "外国人永久居留身份证", en: "Foreign permanent resident ID card" },
  other: { zh: "其他", en: "Other" },
};

const SHORT_NAMES: Record<string, IdType> = {
  身份证: "resident_id",
  二代身份证: "resident_id",
  id: "resident_id",
  "id card": "resident_id",
  回乡证: "hk_macau_permit",
  港澳通行证: "hk_macau_permit",
  台胞证: "taiwan_permit",
  永居证: "foreign_permanent_residence",
  外国人永久居留证: "foreign_permanent_residence",
};

/** The document type a cell names: its code, its Chinese or English name, or a common short name. */
export function parseIdType(raw: string): IdType | null {
  const t = raw.trim().toLowerCase();
  if ((ID_TYPES as readonly string[]).includes(t)) return t as IdType;
  for (const type of ID_TYPES) {
    const l = ID_TYPE_LABELS[type];
    if (t === l.zh || t === l.en.toLowerCase()) return type;
  }
  return SHORT_NAMES[t] ?? null;
}
