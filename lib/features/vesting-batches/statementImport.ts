import "server-only";
import type { Database } from "@/db/client";
import { vestingPayments } from "@/db/schema";
import { violation } from "@/lib/domain/errors";
import { compareIsoDates, isIsoDate } from "@/lib/domain/calendar/isoDate";
import { Dec } from "@/lib/domain/numeric/decimal";
import { matchStatement, type StatementProblem, type StatementRow } from "@/lib/domain/payment/statementMatch";
import { appendAudit } from "@/lib/platform/auditTrail";
import { refuse } from "@/lib/platform/errors/refusal";
import { today } from "@/lib/platform/clock";
import type { Actor } from "@/lib/auth/actor";
import { lockBatch, requireStatus } from "@/lib/features/vesting-batches/batchState";
import { paidLines, paymentAccounts, recordedTransactionIds } from "@/lib/features/vesting-batches/paymentAccounts";
import { parseStatementFile } from "@/lib/features/vesting-batches/statementFile";
import type { StatementImportInput } from "@/lib/features/vesting-batches/schemas";

/** One statement row as the preview shows it: whose payment it is, or null. */
export interface StatementPreviewRow extends StatementRow {
  employeeNo: string | null;
  name: string | null;
  matched: boolean;
}

export interface StatementPreview {
  fileName: string;
  rows: StatementPreviewRow[];
  /** Every problem of every row; apply is refused while any is left. */
  errors: StatementProblem[];
  matched: { rows: number; amount: string };
  applied: boolean;
}

/**
 * Reads a bank statement against the batch's payment accounts. Without `apply` it is a preview; with it
 * every matched row is recorded in one transaction — only when no row has a problem (all or nothing: a
 * file half applied could not be imported again without duplicates). One audit row for the import.
 */
export async function importStatement(
  db: Database,
  actor: Actor,
  batchId: string,
  input: StatementImportInput,
): Promise<StatementPreview> {
  const bytes =
    input.format === "xlsx"
      ? new Uint8Array(Buffer.from(input.content, "base64"))
      : new TextEncoder().encode(input.content);
  const rows = await parseStatementFile(bytes, input.fileName);
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    requireStatus(batch, "payment_open");
    const lines = await paidLines(tx, batchId);
    const accounts = paymentAccounts(lines);
    const asOf = today();
    const dated = rows.filter((r) => isIsoDate(r.date));
    const errors: StatementProblem[] = rows.flatMap((r) =>
      !isIsoDate(r.date)
        ? [{ line: r.line, ...violation("PAYMENT_DATE_INVALID", { date: r.date }) }]
        : compareIsoDates(r.date, asOf) > 0
          ? [{ line: r.line, ...violation("PAYMENT_IN_FUTURE", { date: r.date, today: asOf }) }]
          : [],
    );
    const result = matchStatement(dated, accounts, {
      deadline: batch.paymentDeadline,
      recordedTransactionIds: await recordedTransactionIds(tx, batchId),
    });
    errors.push(...result.errors);
    errors.sort((a, b) => a.line - b.line);
    const nameOf = new Map(lines.map((l) => [l.employeeNo, l.name]));
    const matchOf = new Map(result.matched.map((m) => [m.line, m]));
    const preview: StatementPreview = {
      fileName: input.fileName,
      rows: rows.map((r) => {
        const m = matchOf.get(r.line);
        return {
          ...r,
          employeeNo: m?.employeeNo ?? null,
          name: m ? (nameOf.get(m.employeeNo) ?? null) : null,
          matched: !!m,
        };
      }),
      errors,
      matched: {
        rows: result.matched.length,
        amount: result.matched.reduce((s, m) => s.plus(m.amount), new Dec(0)).toFixed(2),
      },
      applied: false,
    };
    if (input.apply !== true) return preview;
    if (errors.length > 0)
      refuse(errors.map(({ line, code, message, details }) => ({ code, message, details: { ...details, line } })));
    const dateOf = new Map(dated.map((r) => [r.line, r.date]));
    if (result.matched.length > 0)
      await tx.insert(vestingPayments).values(
        result.matched.map((m) => ({
          lineId: m.lineId,
          vestingBatchId: batchId,
          amount: m.amount,
          paidOn: dateOf.get(m.line)!,
          transactionId: m.transactionId,
          source: "statement" as const,
          sourceFileName: input.fileName,
          recordedBy: actor.userId,
        })),
      );
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "vesting_payment.import",
      entityType: "vesting_batch",
      entityId: batchId,
      ip: actor.ip,
      before: null,
      after: {
        fileName: input.fileName,
        rows: result.matched.map((m) => ({
          line: m.line,
          employeeNo: m.employeeNo,
          amount: m.amount,
          transactionId: m.transactionId,
        })),
        amount: preview.matched.amount,
      },
    });
    return { ...preview, applied: true };
  });
}
