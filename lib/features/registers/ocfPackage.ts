import "server-only";
import crypto from "node:crypto";
import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { issuers, participantCategories, shareCapitalHistory, vestingArrangements } from "@/db/schema";
import { badRequest } from "@/lib/platform/errors/apiError";
import { decryptIdNumber } from "@/lib/platform/idNumberCipher";
import { ocfGrantPages, REGISTER_PAGE_SIZE } from "@/lib/features/registers/grantRegisterQuery";
import { trimDecimal } from "@/lib/domain/numeric/decimal";
import {
  ocfGrantTransactions,
  ocfIssuer,
  ocfStakeholder,
  ocfStockClass,
  ocfStockPlan,
  ocfVestingTerms,
  type OcfCategory,
} from "@/lib/features/registers/ocfObjects";
import type { RegisterContext } from "@/lib/features/registers/registerContext";

/**
 * The grant register as one Open Cap Format JSON document:
 *
 *   {"files": {"stock_classes": <OCF_STOCK_CLASSES_FILE>, "stock_plans": <OCF_STOCK_PLANS_FILE>,
 *              "vesting_terms": <OCF_VESTING_TERMS_FILE>, "stakeholders": <OCF_STAKEHOLDERS_FILE>,
 *              "transactions": <OCF_TRANSACTIONS_FILE>},
 *    "manifest": <OCF_MANIFEST_FILE>}
 *
 * Each `files` entry is the content of the manifest file named `<key>.ocf.json`, written compactly, so
 * md5(JSON.stringify(doc.files[key])) equals the md5 the manifest lists. The manifest comes last on
 * purpose: the md5 of a file is known only once it has been streamed.
 */
export const OCF_FILES = [
  { key: "stock_classes", fileType: "OCF_STOCK_CLASSES_FILE", manifestKey: "stock_classes_files" },
  { key: "stock_plans", fileType: "OCF_STOCK_PLANS_FILE", manifestKey: "stock_plans_files" },
  { key: "vesting_terms", fileType: "OCF_VESTING_TERMS_FILE", manifestKey: "vesting_terms_files" },
  { key: "stakeholders", fileType: "OCF_STAKEHOLDERS_FILE", manifestKey: "stakeholders_files" },
  { key: "transactions", fileType: "OCF_TRANSACTIONS_FILE", manifestKey: "transactions_files" },
] as const;

/** What the OCF document is built from. */
export interface OcfExportInput {
  planId: string | null;
  includeIdNumbers: boolean;
  asOf: string;
  generatedAt: Date;
  pageSize?: number;
}

/** Streams the OCF document in pieces; stakeholders and transactions are read in keyset pages. */
export async function* ocfChunks(db: Database, ctx: RegisterContext, input: OcfExportInput): AsyncGenerator<string> {
  const issuerIds = [...new Set([...ctx.plans.values()].map((p) => p.issuerId))];
  if (issuerIds.length > 1)
    throw badRequest("The plans belong to different issuers; export one plan at a time in OCF.");
  const issuerId = issuerIds[0];
  const [issuer] = issuerId ? await db.select().from(issuers).where(eq(issuers.id, issuerId)) : [];
  if (!issuer) throw badRequest("There is no plan to export.");
  const [capital] = await db
    .select()
    .from(shareCapitalHistory)
    .where(eq(shareCapitalHistory.issuerId, issuer.id))
    .orderBy(asc(shareCapitalHistory.effectiveDate))
    .limit(1);
  const pageSize = input.pageSize ?? REGISTER_PAGE_SIZE;
  const sources: Record<(typeof OCF_FILES)[number]["key"], () => AsyncIterable<object[]>> = {
    stock_classes: async function* () {
      yield [ocfStockClass(issuer.id, trimDecimal(issuer.parValue), capital?.shares ?? null)];
    },
    stock_plans: async function* () {
      yield [...ctx.plans.values()].map(ocfStockPlan);
    },
    vesting_terms: async function* () {
      yield (await loadCategories(db, ctx)).map(ocfVestingTerms);
    },
    stakeholders: () => stakeholderPages(db, input.planId, input.includeIdNumbers, pageSize),
    transactions: async function* () {
      const actions = ctx.actionsByIssuer.get(issuer.id) ?? [];
      for await (const page of ocfGrantPages(db, input.planId, pageSize)) {
        const items: object[] = [];
        for (const g of page) items.push(...ocfGrantTransactions(g, ctx.plans.get(g.planId), actions, input.asOf));
        yield items;
      }
    },
  };

  const md5 = new Map<string, string>();
  yield `{"files":{`;
  for (const [i, f] of OCF_FILES.entries()) {
    yield `${i === 0 ? "" : ","}${JSON.stringify(f.key)}:`;
    const hash = crypto.createHash("md5");
    const emit = (text: string) => {
      hash.update(text, "utf8");
      return text;
    };
    yield emit(`{"file_type":${JSON.stringify(f.fileType)},"items":[`);
    let first = true;
    for await (const page of sources[f.key]()) {
      if (page.length === 0) continue;
      yield emit(`${first ? "" : ","}${page.map((o) => JSON.stringify(o)).join(",")}`);
      first = false;
    }
    yield emit("]}");
    md5.set(f.key, hash.digest("hex"));
  }
  const manifest = {
    ocf_version: "1.2.1-alpha+main",
    file_type: "OCF_MANIFEST_FILE",
    issuer: ocfIssuer(issuer, capital?.effectiveDate ?? issuer.createdAt.toISOString().slice(0, 10)),
    as_of: input.asOf,
    generated_at: input.generatedAt.toISOString(),
    comments: ["Vesting Desk grant register; files.<key> holds the content of <key>.ocf.json / 授予登记簿"],
    stock_plans_files: [],
    stock_legend_templates_files: [],
    stock_classes_files: [],
    vesting_terms_files: [],
    valuations_files: [],
    transactions_files: [],
    stakeholders_files: [],
    ...Object.fromEntries(
      OCF_FILES.map((f) => [f.manifestKey, [{ filepath: `${f.key}.ocf.json`, md5: md5.get(f.key)! }]]),
    ),
  };
  yield `},"manifest":${JSON.stringify(manifest)}}`;
}

async function loadCategories(db: Database, ctx: RegisterContext): Promise<OcfCategory[]> {
  const ids = [...ctx.plans.keys()];
  if (ids.length === 0) return [];
  const cats = await db
    .select()
    .from(participantCategories)
    .where(inArray(participantCategories.planId, ids))
    .orderBy(asc(participantCategories.planId), asc(participantCategories.code));
  const arr = await db
    .select({ a: vestingArrangements })
    .from(vestingArrangements)
    .innerJoin(participantCategories, eq(vestingArrangements.categoryId, participantCategories.id))
    .where(inArray(participantCategories.planId, ids))
    .orderBy(asc(vestingArrangements.trancheIndex));
  return cats.map((c) => ({
    id: c.id,
    planName: ctx.plans.get(c.planId)?.name ?? "",
    name: c.name,
    nameEn: c.nameEn,
    tranches: arr
      .filter((r) => r.a.categoryId === c.id)
      .map(({ a }) => ({
        index: a.trancheIndex,
        startMonths: a.startMonths,
        endMonths: a.endMonths,
        ratio: trimDecimal(a.ratio),
      })),
  }));
}

type StakeholderRaw = {
  id: string;
  employee_no: string;
  name: string;
  nationality: string;
  employment_status: string;
  is_director: boolean;
  is_senior_manager: boolean;
  id_number_enc: string | null;
};

/** People holding a grant in scope, in keyset pages by person id. */
async function* stakeholderPages(
  db: Database,
  planId: string | null,
  includeIdNumbers: boolean,
  pageSize: number,
): AsyncGenerator<object[]> {
  let after: string | null = null;
  for (;;) {
    const filters: SQL[] = [
      planId === null
        ? sql`EXISTS (SELECT 1 FROM grants g WHERE g.person_id = p.id)`
        : sql`EXISTS (SELECT 1 FROM grants g WHERE g.person_id = p.id AND g.plan_id = ${planId}::uuid)`,
    ];
    if (after !== null) filters.push(sql`p.id > ${after}::uuid`);
    const result =
      (await db.execute(sql`SELECT p.id::text AS id, p.employee_no, p.name, p.nationality, p.employment_status::text AS employment_status,
        p.is_director, p.is_senior_manager, p.id_number_enc
      FROM persons p WHERE ${sql.join(filters, sql` AND `)} ORDER BY p.id LIMIT ${pageSize}`)) as unknown as {
        rows: StakeholderRaw[];
      };
    if (result.rows.length === 0) return;
    yield result.rows.map((r) =>
      ocfStakeholder(
        {
          id: r.id,
          employeeNo: r.employee_no,
          name: r.name,
          nationality: r.nationality,
          left: r.employment_status === "left",
          isDirector: r.is_director === true,
          isSeniorManager: r.is_senior_manager === true,
        },
        includeIdNumbers && r.id_number_enc ? decryptIdNumber(r.id_number_enc) : null,
      ),
    );
    if (result.rows.length < pageSize) return;
    after = result.rows[result.rows.length - 1]!.id;
  }
}
