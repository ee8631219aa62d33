"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { uuid } from "@/lib/platform/validation/common";
import { createVestingBatch } from "@/lib/features/vesting-batches/createBatch";
import { confirmBatchConditions } from "@/lib/features/vesting-batches/confirmConditions";
import { openBatchPayment } from "@/lib/features/vesting-batches/openPayment";
import { recordBatchPayment } from "@/lib/features/vesting-batches/recordPayment";
import { importStatement } from "@/lib/features/vesting-batches/statementImport";
import { closeBatchPayment } from "@/lib/features/vesting-batches/closePayment";
import { registerBatch } from "@/lib/features/vesting-batches/registerBatch";
import { announceBatch } from "@/lib/features/vesting-batches/announceBatch";
import { setTaxDeferral } from "@/lib/features/vesting-batches/taxDeferral";
import {
  createVestingBatchBody,
  recordPaymentBody,
  registerBatchBody,
  statementImportBody,
  taxDeferralBody,
} from "@/lib/features/vesting-batches/schemas";

const batchInput = z.object({ batchId: uuid });

/** Every page under /hr/vesting-batches shows batches: the index counts, the plan's list, the detail. */
const refresh = () => revalidatePath("/hr/vesting-batches", "layout");

/** Opens a draft batch (POST /api/v1/plans/{planId}/vesting-batches). */
export const createBatchAction = action(
  { access: "staffWrite", input: z.object({ planId: uuid, input: createVestingBatchBody }) },
  async ({ db, actor, input: { planId, input } }) => {
    const created = await createVestingBatch(db, actor, planId, input);
    refresh();
    return created;
  },
);

/** Confirms the conditions and fixes the vesting list (POST /api/v1/vesting-batches/{batchId}/conditions). */
export const confirmConditionsAction = action(
  { access: "staffWrite", input: batchInput },
  async ({ db, actor, input: { batchId } }) => {
    const result = await confirmBatchConditions(db, actor, batchId);
    refresh();
    return result;
  },
);

/** Opens the payment and tells each grantee what to pay (POST …/payment/open). */
export const openPaymentAction = action(
  { access: "staffWrite", input: batchInput },
  async ({ db, actor, input: { batchId } }) => {
    const result = await openBatchPayment(db, actor, batchId);
    refresh();
    return result;
  },
);

/** Closes the payment on or after the deadline: unpaid shares lapse as waived (POST …/payment/close). */
export const closePaymentAction = action(
  { access: "staffWrite", input: batchInput },
  async ({ db, actor, input: { batchId } }) => {
    const result = await closeBatchPayment(db, actor, batchId);
    refresh();
    return result;
  },
);

/** Records the registration and the listing date, fixing each line's tax (POST …/registration). */
export const registerBatchAction = action(
  { access: "staffWrite", input: registerBatchBody.extend({ batchId: uuid }) },
  async ({ db, actor, input: { batchId, listingDate } }) => {
    const result = await registerBatch(db, actor, batchId, { listingDate });
    refresh();
    return result;
  },
);

/** Records that the result announcement was published (POST …/announcement). */
export const announceBatchAction = action(
  { access: "staffWrite", input: batchInput },
  async ({ db, actor, input: { batchId } }) => {
    const result = await announceBatch(db, actor, batchId);
    refresh();
    return result;
  },
);

/** Records one payment received, or corrects one with a negative amount (POST …/payments). */
export const recordPaymentAction = action(
  { access: "staffWrite", input: recordPaymentBody.extend({ batchId: uuid }) },
  async ({ db, actor, input: { batchId, ...payment } }) => {
    const result = await recordBatchPayment(db, actor, batchId, payment);
    refresh();
    return result;
  },
);

/** Previews a bank statement against the batch, or applies it all at once (POST …/statement). */
export const importStatementAction = action(
  { access: "staffWrite", input: statementImportBody.extend({ batchId: uuid }) },
  async ({ db, actor, input: { batchId, ...statement } }) => {
    const preview = await importStatement(db, actor, batchId, statement);
    if (preview.applied) refresh();
    return preview;
  },
);

/** Records or takes back a grantee's choice to pay the tax in instalments (PUT …/lines/{lineId}/tax-deferral). */
export const taxDeferralAction = action(
  { access: "staffWrite", input: taxDeferralBody.extend({ batchId: uuid, lineId: uuid }) },
  async ({ db, actor, input: { batchId, lineId, deferred } }) => {
    const result = await setTaxDeferral(db, actor, batchId, lineId, { deferred });
    refresh();
    return result;
  },
);
