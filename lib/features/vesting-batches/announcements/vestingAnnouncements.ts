import "server-only";
import type { LapseEntryInput } from "@/lib/domain/vesting/announcementFigures";
import { LAPSE_REASON_TEXT, type LapseReasonCode } from "@/lib/domain/vesting/reasonTexts";
import type { VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";
import {
  announcementDocument,
  section,
  type AnnouncementDocument,
  type AnnouncementIssuer,
} from "@/lib/features/vesting-batches/announcements/announcementDocument";
import {
  batchConditionsFigures,
  batchLapseFigures,
  batchResultFigures,
} from "@/lib/features/vesting-batches/announcements/batchAnnouncementFigures";
import {
  grantBatchKindText,
  grouped,
  lapseReasonShort,
  percent,
  periodPhrase,
  positionText,
  shareSourceText,
  zhDate,
  zhNumber,
} from "@/lib/features/vesting-batches/announcements/announcementWording";

/**
 * The three announcements of a vesting batch (归属条件成就, 作废, 归属结果暨股份上市) as documents: the
 * standard wording of SSE disclosures around the batch's figures, neutral and with blanks 【…】 where
 * the board secretary adds what the portal does not hold (resolutions, the CPA's report number).
 */

/** What the caller may add: the 证券简称 for the code line. */
export interface AnnouncementOptions {
  shortName?: string | null;
}

const issuerOf = (batch: VestingBatchDto, options: AnnouncementOptions): AnnouncementIssuer => ({
  issuerName: batch.issuerName,
  stockCode: batch.stockCode,
  planName: batch.planName,
  shortName: options.shortName,
});
const PLAN_REF = "本激励计划";

/** 归属条件成就的公告. */
export function conditionsAnnouncement(
  batch: VestingBatchDto,
  options: AnnouncementOptions = {},
): AnnouncementDocument {
  const f = batchConditionsFigures(batch);
  const phrase = periodPhrase(batch.periods);
  return announcementDocument(
    "conditions",
    issuerOf(batch, options),
    `关于${batch.planName}${phrase}归属条件成就的公告`,
    [
      section(
        "一、本次归属条件成就的情况",
        [
          `根据公司${batch.planName}（以下简称“${PLAN_REF}”）的相关规定及考核结果，${PLAN_REF}${phrase}的归属条件已经成就。符合归属条件的激励对象共${grouped(f.totals.people)}人，可归属的限制性股票共计${grouped(f.totals.shares)}股，具体如下：`,
        ],
        [
          {
            header: [
              "授予批次",
              "授予日",
              "激励对象类别",
              "归属期",
              "公司层面归属比例",
              "可归属人数（人）",
              "可归属数量（股）",
              "授予价格（调整后，元/股）",
            ],
            rows: [
              ...f.periods.map((p) => [
                grantBatchKindText(p.grantBatchKind),
                zhDate(p.grantDate),
                p.categoryLabel,
                `第${zhNumber(p.trancheIndex)}个归属期`,
                percent(p.companyRatio),
                grouped(p.people),
                grouped(p.shares),
                p.adjustedPrices.join("、"),
              ]),
              ["合计", "", "", "", "", grouped(f.totals.people), grouped(f.totals.shares), ""],
            ],
            totalsRow: true,
          },
        ],
      ),
      section("二、本次归属的安排", [
        `（一）股票来源：${shareSourceText(batch.shareSource)}。`,
        `（二）拟归属登记日：${zhDate(batch.registrationDate)}。`,
        `（三）缴款期间：${zhDate(batch.paymentStart)}至${zhDate(batch.paymentDeadline)}。激励对象按可归属数量及调整后的授予价格缴纳认购款；未在缴款期限内缴款的部分视为自愿放弃，作废失效。`,
      ]),
      section("三、其他说明", ["【请补充董事会及薪酬与考核委员会的审议情况、法律意见书的结论性意见】"]),
    ],
    `announcement-conditions-batch-${batch.batchNo}`,
  );
}

/**
 * 作废部分已授予尚未归属的限制性股票的公告: the batch's waived shares plus `otherLapses` (leavers, appraisal)
 * from the same periods, which only the caller's tranche records hold.
 */
export function lapseAnnouncement(
  batch: VestingBatchDto,
  otherLapses: readonly LapseEntryInput[] = [],
  options: AnnouncementOptions = {},
): AnnouncementDocument {
  const f = batchLapseFigures(batch, otherLapses);
  const countedOnce = f.byReason.reduce((s, r) => s + r.people, 0) !== f.totals.people;
  return announcementDocument(
    "lapse",
    issuerOf(batch, options),
    `关于作废${batch.planName}部分已授予尚未归属的限制性股票的公告`,
    [
      section(
        "一、本次作废限制性股票的具体情况",
        [
          `根据公司${batch.planName}（以下简称“${PLAN_REF}”）的相关规定，本次合计作废已授予尚未归属的限制性股票${grouped(f.totals.shares)}股，涉及激励对象${grouped(f.totals.people)}人${countedOnce ? "（同一激励对象涉及多项作废原因的，合计人数只计一次）" : ""}，具体如下：`,
          ...f.byReason.map((r, i) => {
            const clause = LAPSE_REASON_TEXT[r.reason as LapseReasonCode]?.zh;
            return `（${zhNumber(i + 1)}）${lapseReasonShort(r.reason)}：涉及${grouped(r.people)}人，作废${grouped(r.shares)}股${clause ? `。${clause}` : ""}。`;
          }),
        ],
        [
          {
            header: ["序号", "作废原因", "人数（人）", "作废数量（股）"],
            rows: [
              ...f.byReason.map((r, i) => [
                String(i + 1),
                lapseReasonShort(r.reason),
                grouped(r.people),
                grouped(r.shares),
              ]),
              ["合计", "", grouped(f.totals.people), grouped(f.totals.shares)],
            ],
            totalsRow: true,
          },
        ],
      ),
      section("二、本次作废对公司的影响", ["【请补充本次作废对公司财务状况和经营成果的影响及审议情况】"]),
    ],
    `announcement-lapse-batch-${batch.batchNo}`,
  );
}

/** 归属结果暨股份上市的公告; the share capital before the vesting comes from the share-capital history. */
export function resultAnnouncement(
  batch: VestingBatchDto,
  shareCapitalBefore: number | null,
  options: AnnouncementOptions = {},
): AnnouncementDocument {
  const f = batchResultFigures(batch, { shareCapitalBefore });
  const phrase = periodPhrase(batch.periods);
  const prices = [...new Set(batch.lines.filter((l) => (l.paidShares ?? 0) > 0).map((l) => l.adjustedPrice))];
  const others = {
    people: f.people - f.directorsAndOfficers.length,
    shares: f.shares - f.directorsAndOfficersShares,
  };
  const capital = f.shareCapital;
  const p = f.payment;
  return announcementDocument(
    "result",
    issuerOf(batch, options),
    `关于${batch.planName}${phrase}归属结果暨股份上市的公告`,
    [
      section("重要内容提示", [
        `本次股票上市类型为股权激励股份；股票认购方式为网下，上市股数为${grouped(f.shares)}股。`,
        `本次股票上市流通总数为${grouped(f.shares)}股。`,
        `本次股票上市流通日期为${zhDate(f.listingDate)}。`,
      ]),
      section(
        "一、本次限制性股票归属的基本情况",
        [`公司${batch.planName}（以下简称“${PLAN_REF}”）${phrase}的归属情况如下：`],
        [
          {
            header: ["项目", "内容"],
            rows: [
              ["归属期", phrase],
              ["归属人数", `${grouped(f.people)}人`],
              ["归属数量", `${grouped(f.shares)}股`],
              ["授予价格（调整后）", prices.map((x) => `${x}元/股`).join("、")],
              ["股票来源", shareSourceText(f.shareSource)],
              ["归属登记日", zhDate(f.registrationDate)],
              ["上市流通日", zhDate(f.listingDate)],
            ],
            totalsRow: false,
          },
          {
            header: ["序号", "姓名", "职务", "本次归属数量（股）"],
            rows: [
              ...f.directorsAndOfficers.map((o, i) => [String(i + 1), o.name, positionText(o), grouped(o.shares)]),
              ["", `其他激励对象（${grouped(others.people)}人）`, "", grouped(others.shares)],
              ["合计", `${grouped(f.people)}人`, "", grouped(f.shares)],
            ],
            totalsRow: true,
          },
        ],
      ),
      section("二、验资及股份登记情况", [
        f.shareSource === "new_issue"
          ? `公司共收到${grouped(f.people)}名激励对象缴纳的认购款人民币${grouped(p.amount)}元，其中计入股本人民币${grouped(p.toShareCapital!)}元，计入资本公积人民币${grouped(p.toCapitalReserve!)}元（每股面值人民币${batch.parValue}元）。【会计师事务所名称及验资报告文号待填】`
          : `公司共收到${grouped(f.people)}名激励对象缴纳的认购款人民币${grouped(p.amount)}元。本次归属股份来源于公司回购的股份，公司股本总数不变。`,
        `本次归属股份的登记日为${zhDate(f.registrationDate)}，登记机构为中国证券登记结算有限责任公司上海分公司。`,
      ]),
      section(
        "三、本次归属后公司股本变动情况",
        capital === null ? ["【请补充本次变动前后的股本总数】"] : [],
        capital === null
          ? []
          : [
              {
                header: ["项目", "本次变动前", "本次变动", "本次变动后"],
                rows: [["股本总数（股）", grouped(capital.before), grouped(capital.change), grouped(capital.after)]],
                totalsRow: false,
              },
            ],
      ),
    ],
    `announcement-result-batch-${batch.batchNo}`,
  );
}
