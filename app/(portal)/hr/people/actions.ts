"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { createPerson, updatePerson } from "@/lib/features/persons/personRecords";
import { createPersonSchema, updatePersonSchema } from "@/lib/features/persons/personSchemas";
import { uuid } from "@/lib/platform/validation/common";
import { actionOrigin } from "@/lib/platform/http/portalOrigin";
import { inviteBatchGrantees } from "@/lib/features/admin/batchInvitations";

/** Adds a person (same service as POST /api/v1/persons). */
export const createPersonAction = action(
  { access: "staffWrite", input: createPersonSchema },
  async ({ db, actor, input }) => {
    const person = await createPerson(db, actor, input);
    revalidatePath("/hr/people");
    return { id: person.id, employeeNo: person.employeeNo, name: person.name };
  },
);

/** Changes a person (same service as PATCH /api/v1/persons/{personId}). */
export const updatePersonAction = action(
  { access: "staffWrite", input: z.object({ personId: uuid, body: updatePersonSchema }) },
  async ({ db, actor, input: { personId, body } }) => {
    const person = await updatePerson(db, actor, personId, body);
    revalidatePath("/hr/people");
    return { unchanged: person.unchanged, idNumberMasked: person.idNumberMasked };
  },
);

/** Invites a batch's grantees without a login (same service as POST /api/v1/grant-batches/{batchId}/invitations). */
export const inviteBatchAction = action(
  { access: "staffWrite", input: z.object({ batchId: uuid }), sessionOnly: true, stepUp: true },
  async ({ db, actor, input: { batchId } }) => {
    const result = await inviteBatchGrantees(db, actor, batchId, await actionOrigin());
    revalidatePath("/hr/people/invite");
    return result;
  },
);
