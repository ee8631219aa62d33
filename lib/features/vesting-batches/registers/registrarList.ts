import "server-only";
import type { Locale } from "@/i18n/locales";
import { ID_TYPE_LABELS, type IdType } from "@/lib/domain/persons/idDocument";
import { integerCell, textCell, type RegisterCell } from "@/lib/domain/registers/registerCell";
import type { VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";
import {
  assertTiesOut,
  batchRegisterDownload,
  closedLines,
  inLocale,
  type BatchRegisterDownload,
  type BatchRegisterFormat,
  type BatchRegisterOptions,
  type BatchTable,
  type Bilingual,
} from "@/lib/features/vesting-batches/registers/batchRegisterFile";
import { badRequest } from "@/lib/platform/errors/apiError";

/**
 * The vested-shares list for the securities registrar (中国结算 股权激励归属登记明细): one row per grantee
 * with paid shares, their shares added up, in the column order HR configures per plan. ID numbers come
 * decrypted from the caller, which alone may decide who sees them and writes the audit entry.
 */
export const REGISTRAR_COLUMNS = [
  "name",
  "idType",
  "idNumber",
  "securitiesAccount",
  "employeeNo",
  "shares",
  "grantBatch",
  "trancheIndex",
] as const;
export type RegistrarColumn = (typeof REGISTRAR_COLUMNS)[number];
// A copy, not the same array: the order HR starts from, which may change without changing the set.
export const DEFAULT_REGISTRAR_COLUMNS: readonly RegistrarColumn[] = Object.freeze([...REGISTRAR_COLUMNS]);

export const REGISTRAR_HEADERS: Readonly<Record<RegistrarColumn, Bilingual>> = {
  name: { zh: "姓名", en: "Name" },
  idType: { zh: "证件类型", en: "ID type" },
  idNumber: { zh: "证件号码", en: "ID number" },
  securitiesAccount: { zh: "证券账户", en: "Securities account" },
  employeeNo: { zh: "工号", en: "Employee no." },
  shares: { zh: "归属股数（股）", en: "Shares vested" },
  grantBatch: { zh: "授予批次", en: "Grant batch" },
  trancheIndex: { zh: "归属期", en: "Tranche" },
};

const GRANT_BATCH: Record<string, Bilingual> = {
  first: { zh: "首次授予", en: "First grant" },
  reserved: { zh: "预留授予", en: "Reserved grant" },
};

/** A person's identity document, decrypted by the caller. */
export type RegistrarIdentity = { readonly idType: IdType | string | null; readonly idNumber: string | null };

export interface RegistrarRow {
  personId: string;
  employeeNo: string;
  name: string;
  idType: string | null;
  idNumber: string | null;
  securitiesAccount: string | null;
  shares: number;
  /** Grant-batch kinds ("first", "reserved") of the person's vesting lines, in order of appearance. */
  grantBatchKinds: string[];
  trancheIndexes: number[];
}

export interface RegistrarList {
  columns: RegistrarColumn[];
  rows: RegistrarRow[];
  /** Ties to the payment summary: people with paid shares and their paid shares. */
  totals: { people: number; shares: number };
  /** Grantees the registrar cannot register without: no ID number, or no securities account. */
  incomplete: { personId: string; employeeNo: string; name: string; missing: ("idNumber" | "securitiesAccount")[] }[];
}

/** Checks HR's column order: known columns, each at most once, at least one. */
export function registrarColumns(columns: readonly string[] = DEFAULT_REGISTRAR_COLUMNS): RegistrarColumn[] {
  const unknown = columns.filter((c) => !(REGISTRAR_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw badRequest(`Unknown registrar columns: ${unknown.join(", ")}.`, { unknown });
  if (new Set(columns).size !== columns.length) throw badRequest("A registrar column is listed twice.");
  if (columns.length === 0) throw badRequest("Choose at least one registrar column.");
  return columns as RegistrarColumn[];
}

/** The list of a batch whose payment is closed. */
export function registrarList(
  batch: VestingBatchDto,
  ids: ReadonlyMap<string, RegistrarIdentity>,
  columns: readonly string[] = DEFAULT_REGISTRAR_COLUMNS,
): RegistrarList {
  const chosen = registrarColumns(columns);
  const kindOf = new Map(batch.periods.map((p) => [p.grantBatchId, p.grantBatchKind]));
  const byPerson = new Map<string, RegistrarRow>();
  for (const l of closedLines(batch)) {
    if (l.paidShares === 0) continue;
    const id = ids.get(l.personId);
    const row = byPerson.get(l.personId) ?? {
      personId: l.personId,
      employeeNo: l.employeeNo,
      name: l.name,
      idType: id?.idType ?? null,
      idNumber: id?.idNumber ?? null,
      securitiesAccount: null,
      shares: 0,
      grantBatchKinds: [],
      trancheIndexes: [],
    };
    row.shares += l.paidShares;
    row.securitiesAccount ??= l.securitiesAccount;
    const kind = kindOf.get(l.grantBatchId) ?? l.grantBatchId;
    if (!row.grantBatchKinds.includes(kind)) row.grantBatchKinds.push(kind);
    if (!row.trancheIndexes.includes(l.trancheIndex)) row.trancheIndexes.push(l.trancheIndex);
    byPerson.set(l.personId, row);
  }
  const rows = [...byPerson.values()];
  const totals = { people: rows.length, shares: rows.reduce((s, r) => s + r.shares, 0) };
  assertTiesOut("paid shares", totals.shares, batch.totals.paidShares);
  const incomplete = rows.flatMap((r) => {
    const missing = [
      ...(r.idNumber ? [] : (["idNumber"] as const)),
      ...(r.securitiesAccount ? [] : (["securitiesAccount"] as const)),
    ];
    return missing.length === 0 ? [] : [{ personId: r.personId, employeeNo: r.employeeNo, name: r.name, missing }];
  });
  return { columns: chosen, rows, totals, incomplete };
}

function cell(row: RegistrarRow, column: RegistrarColumn, locale: Locale | undefined): RegisterCell {
  switch (column) {
    case "idType": {
      const label = row.idType === null ? undefined : ID_TYPE_LABELS[row.idType as IdType];
      return textCell(label ? inLocale(label, locale) : row.idType);
    }
    case "shares":
      return integerCell(row.shares);
    case "grantBatch":
      return textCell(
        row.grantBatchKinds
          .map((k) => (GRANT_BATCH[k] ? inLocale(GRANT_BATCH[k], locale) : k))
          .join(locale === "en" ? ", " : "、"),
      );
    case "trancheIndex":
      // One tranche is a number; a person vesting in several is listed once, with each of them.
      return row.trancheIndexes.length === 1
        ? integerCell(row.trancheIndexes[0])
        : textCell(row.trancheIndexes.join(locale === "en" ? ", " : "、"));
    default:
      return textCell(row[column]);
  }
}

/**
 * The list as a table in its column order. The totals row (on by default) puts the people in the first
 * column that is not the shares and the shares under the shares; leave it off for an upload template
 * that takes data rows only.
 */
export function registrarTable(
  list: RegistrarList,
  locale?: Locale,
  options: { totalsRow?: boolean } = {},
): BatchTable {
  const rows = list.rows.map((r) => list.columns.map((c) => cell(r, c, locale)));
  if (options.totalsRow ?? true) {
    const label = inLocale({ zh: `合计：${list.totals.people}人`, en: `Total: ${list.totals.people} people` }, locale);
    const labelAt = list.columns.findIndex((c) => c !== "shares");
    rows.push(
      list.columns.map((c, i) => (c === "shares" ? integerCell(list.totals.shares) : i === labelAt ? label : null)),
    );
  }
  return { header: list.columns.map((c) => inLocale(REGISTRAR_HEADERS[c], locale)), rows };
}

/** The registrar list of a batch as CSV or XLSX; the name says when it holds full (not masked) ID numbers. */
export function registrarListDownload(
  batch: VestingBatchDto,
  ids: ReadonlyMap<string, RegistrarIdentity>,
  columns: readonly string[],
  format: BatchRegisterFormat,
  options: BatchRegisterOptions & { totalsRow?: boolean; idNumbersShown: boolean },
): BatchRegisterDownload {
  const list = registrarList(batch, ids, columns);
  const withIds = options.idNumbersShown && list.columns.includes("idNumber");
  return batchRegisterDownload(
    batch,
    {
      zh: `归属股份登记明细${withIds ? "-含证件号码" : ""}`,
      en: `registrar-list${withIds ? "-with-id-numbers" : ""}`,
      sheet: "登记明细 Registrar list",
    },
    registrarTable(list, options.locale, { totalsRow: options.totalsRow }),
    format,
    options.asOf,
  );
}
