import "server-only";
import { adjustmentFigures, type AdjustmentRowInput } from "@/lib/domain/vesting/announcementFigures";
import {
  announcementDocument,
  section,
  type AnnouncementDocument,
  type AnnouncementIssuer,
} from "@/lib/features/vesting-batches/announcements/announcementDocument";
import {
  actionKindText,
  grantBatchKindText,
  grouped,
  zhDate,
} from "@/lib/features/vesting-batches/announcements/announcementWording";

/**
 * 调整授予价格及授予数量的公告 after a corporate action: per grant batch the price and the outstanding
 * quantity before and after, as the adjustment engine (lib/domain/adjustments) computed them.
 */
export function adjustmentAnnouncement(
  issuer: AnnouncementIssuer,
  rows: readonly AdjustmentRowInput[],
): AnnouncementDocument {
  const f = adjustmentFigures(rows);
  const what =
    f.priceChanged && !f.quantityChanged
      ? "授予价格"
      : f.quantityChanged && !f.priceChanged
        ? "授予数量"
        : "授予价格及授予数量";
  const events = [...new Set(f.rows.map((r) => `${actionKindText(r.actionKind)}（除权除息日：${zhDate(r.exDate)}）`))];
  const paragraphs = [
    `公司已实施${events.join("、")}。根据公司${issuer.planName}（以下简称“本激励计划”）的相关规定，公司对本激励计划的${what}进行相应调整。`,
  ];
  if (f.quantityChanged)
    paragraphs.push(
      `调整后，已授予尚未归属的限制性股票数量由${grouped(f.totals.quantityBefore)}股调整为${grouped(f.totals.quantityAfter)}股。`,
    );
  return announcementDocument(
    "adjustment",
    issuer,
    `关于调整${issuer.planName}${what}的公告`,
    [
      section("一、本次调整的事由及结果", paragraphs, [
        {
          header: [
            "授予批次",
            "授予日",
            "调整事项",
            "除权除息日",
            "调整前授予价格（元/股）",
            "调整后授予价格（元/股）",
            "调整前数量（股）",
            "调整后数量（股）",
          ],
          rows: [
            ...f.rows.map((r) => [
              grantBatchKindText(r.grantBatchKind),
              zhDate(r.grantDate),
              actionKindText(r.actionKind),
              zhDate(r.exDate),
              r.before.price,
              r.after.price,
              grouped(r.before.quantity),
              grouped(r.after.quantity),
            ]),
            ["合计", "", "", "", "", "", grouped(f.totals.quantityBefore), grouped(f.totals.quantityAfter)],
          ],
          totalsRow: true,
        },
      ]),
      section("二、本次调整的审议情况", [
        "【请补充调整方法依据的本激励计划条款、董事会审议情况及法律意见书的结论性意见】",
      ]),
    ],
    `announcement-adjustment-${issuer.stockCode}`,
  );
}
