import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { plans } from "@/db/schema";
import { notFound } from "@/lib/platform/errors/apiError";
import type { Download } from "@/lib/platform/http/downloadResponse";
import { templateDownload, type ImportTemplate, type TemplateFormat } from "@/lib/features/imports/template";
import { planCategories } from "@/lib/features/participants/listVersions";
import { PARTICIPANT_COLUMNS } from "@/lib/features/participants/participantColumns";
import type { ParticipantField } from "@/lib/features/participants/rowShape";

/** The participant list's template, its notes naming the plan's category codes. */
export function participantTemplate(
  categories: readonly { code: number; name: string; nameEn: string }[],
): ImportTemplate<ParticipantField> {
  return {
    columns: PARTICIPANT_COLUMNS,
    sheetName: "激励对象名单 Participants",
    fileStem: "激励对象名单模板",
    asciiStem: "participant-list-template",
    notes: [
      "",
      "本计划的激励对象类别 Categories of this plan:",
      ...categories.map((c) => `${c.code} = ${c.name} ${c.nameEn}`),
      "",
      "示例行仅供参考，上传前请删除或替换。 The example row is only an illustration: delete or replace it before uploading.",
    ],
  };
}

/** The participant list template of a plan as a download (XLSX or CSV); 404 for an unknown plan. */
export async function participantListTemplate(db: Database, planId: string, format: TemplateFormat): Promise<Download> {
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound("Plan");
  return templateDownload(participantTemplate(await planCategories(db, planId)), format);
}
