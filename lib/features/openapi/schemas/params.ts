import "server-only";
import { z } from "zod";
import { uuid } from "@/lib/platform/validation/common";

// Path parameters, with the very UUID validator the routes check ids with (isUuid / uuid.parse).
export const planParams = z.object({ planId: uuid });
export const grantParams = z.object({ grantId: uuid });
export const periodParams = z.object({ periodId: uuid });
export const objectionParams = z.object({ objectionId: uuid });
export const eventParams = z.object({ eventId: uuid });
export const actionParams = z.object({ actionId: uuid });
export const personParams = z.object({ personId: uuid });
export const noticeParams = z.object({ noticeId: uuid });
