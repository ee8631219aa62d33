import { describe, expect, it } from "vitest";
import { adjustmentAnnouncement } from "../../lib/features/vesting-batches/announcements/adjustmentAnnouncement";
import {
  DRAFT_FOOTER,
  type AnnouncementDocument,
} from "../../lib/features/vesting-batches/announcements/announcementDocument";
import { announcementDownload } from "../../lib/features/vesting-batches/announcements/announcementDownload";
import { announcementDocx } from "../../lib/features/vesting-batches/announcements/announcementDocx";
import { announcementMarkdown } from "../../lib/features/vesting-batches/announcements/announcementMarkdown";
import {
  batchLapseFigures,
  batchResultFigures,
} from "../../lib/features/vesting-batches/announcements/batchAnnouncementFigures";
import {
  conditionsAnnouncement,
  lapseAnnouncement,
  resultAnnouncement,
} from "../../lib/features/vesting-batches/announcements/vestingAnnouncements";
import { capitalVerificationRegister } from "../../lib/features/vesting-batches/registers/capitalVerificationRegister";
import { registrarList } from "../../lib/features/vesting-batches/registers/registrarList";
import { fixtureBatch, ids } from "../support/vestingBatchFixture";
import { unzip, wordText } from "../support/docxText";

async function docxText(doc: AnnouncementDocument): Promise<{ body: string; footer: string }> {
  const parts = unzip(await announcementDocx(doc));
  expect(parts.has("[Content_Types].xml")).toBe(true);
  const footers = [...parts].filter(([name]) => /^word\/footer\d*\.xml$/.test(name)).map(([, xml]) => wordText(xml));
  return { body: wordText(parts.get("word/document.xml")!), footer: footers.join("\n") };
}

/** Each figure appears in the Word text and in the Markdown of the same document. */
async function expectFigures(doc: AnnouncementDocument, figures: string[]) {
  const { body, footer } = await docxText(doc);
  const md = announcementMarkdown(doc);
  for (const f of figures) {
    expect(body, f).toContain(f);
    expect(md, f).toContain(f);
  }
  expect(footer).toContain(DRAFT_FOOTER);
  expect(md).toContain(DRAFT_FOOTER);
  return { body, md };
}

describe("announcement documents", () => {
  it("归属条件成就: title, code line, people and shares per period", async () => {
    const doc = conditionsAnnouncement(fixtureBatch(), { shortName: "示例科技" });
    expect(doc.title).toBe("示例科技股份有限公司关于2024年限制性股票激励计划第一个归属期归属条件成就的公告");
    const { body } = await expectFigures(doc, [
      doc.title,
      "证券代码：688001　　证券简称：示例科技",
      // 3,000 + 3,000 + 2,000 shares the conditions allow, 3 people, company ratio 100 %
      "符合归属条件的激励对象共3人，可归属的限制性股票共计8,000股",
      "100%",
      "19.68",
      "8,000",
      "2025年6月16日",
      "2025年6月3日至2025年6月10日",
    ]);
    expect(body.indexOf("证券代码")).toBeLessThan(body.indexOf(doc.title));
  });

  it("作废: lapsed shares by reason, the batch's waived shares included", async () => {
    const doc = lapseAnnouncement(fixtureBatch(), [
      { reason: "left", shares: 1200, people: 2 },
      { reason: "appraisal", shares: 600, personId: "p4" },
    ]);
    // waived: 李四 1,476 + 王五 2,000 = 3,476 (2 people); total 1,200 + 600 + 3,476 = 5,276, 2 + 1 + 2 = 5 people
    await expectFigures(doc, [
      "示例科技股份有限公司关于作废2024年限制性股票激励计划部分已授予尚未归属的限制性股票的公告",
      "本次合计作废已授予尚未归属的限制性股票5,276股，涉及激励对象5人",
      "激励对象离职",
      "1,200",
      "考核结果未达到全部归属条件",
      "激励对象未缴款（自愿放弃）：涉及2人，作废3,476股",
      "5,276",
    ]);
  });

  it("归属结果暨股份上市: people, shares, listing date, share capital, the money and each director", async () => {
    const doc = resultAnnouncement(fixtureBatch(), 120_000_000);
    const { body } = await expectFigures(doc, [
      "示例科技股份有限公司关于2024年限制性股票激励计划第一个归属期归属结果暨股份上市的公告",
      "上市股数为4,524股",
      "本次股票上市流通日期为2025年6月20日",
      "2人",
      // 59,040.00 + 29,992.32 = 89,032.32 received; 4,524 × 1.00 to share capital; the rest to the reserve
      "认购款人民币89,032.32元，其中计入股本人民币4,524.00元，计入资本公积人民币84,508.32元",
      "120,000,000",
      "120,004,524",
      "张三",
      "董事、高级管理人员",
      "3,000",
      "其他激励对象（1人）",
      "1,524",
    ]);
    // 王五 is a director but vests nothing
    expect(body).not.toContain("王五");
  });

  it("调整: prices and quantities before and after, with totals", async () => {
    const doc = adjustmentAnnouncement(
      { issuerName: "示例科技股份有限公司", stockCode: "688001", planName: "2024年限制性股票激励计划" },
      [
        {
          grantBatchKind: "first",
          grantDate: "2024-05-20",
          actionKind: "capitalisation",
          exDate: "2025-07-10",
          before: { price: "19.68", quantity: 8000 },
          after: { price: "14.06", quantity: 11200 },
        },
        {
          grantBatchKind: "reserved",
          grantDate: "2024-11-15",
          actionKind: "capitalisation",
          exDate: "2025-07-10",
          before: { price: "20.10", quantity: 500 },
          after: { price: "14.36", quantity: 700 },
        },
      ],
    );
    await expectFigures(doc, [
      "示例科技股份有限公司关于调整2024年限制性股票激励计划授予价格及授予数量的公告",
      "资本公积转增股本（除权除息日：2025年7月10日）",
      "14.06",
      "14.36",
      "11,200",
      // 8,000 + 500 = 8,500 → 11,200 + 700 = 11,900
      "由8,500股调整为11,900股",
    ]);
  });

  it("downloads as docx or Markdown with the title in the name", async () => {
    const doc = resultAnnouncement(fixtureBatch(), null);
    const docx = await announcementDownload(doc, "docx", "2025-06-21");
    expect(docx.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(docx.filename).toBe(`${doc.title}-草稿-2025-06-21.docx`);
    expect(docx.asciiFilename).toBe("announcement-result-batch-1-draft-2025-06-21.docx");
    expect([...docx.body.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const md = await announcementDownload(doc, "md", "2025-06-21");
    expect(md.contentType).toBe("text/markdown; charset=utf-8");
    expect(new TextDecoder().decode(md.body)).toContain("【请补充本次变动前后的股本总数】");
  });

  it("escapes names in the Markdown preview", () => {
    const b = fixtureBatch();
    b.lines[0] = { ...b.lines[0]!, name: "<b>张|三</b>" };
    const md = announcementMarkdown(resultAnnouncement(b, null));
    expect(md).toContain("&lt;b&gt;张\\|三&lt;/b&gt;");
    expect(md).not.toContain("<b>");
  });
});

describe("tie-out", () => {
  it("the result announcement's people and shares equal the registrar list and the capital-verification totals", async () => {
    const batch = fixtureBatch();
    const result = batchResultFigures(batch, { shareCapitalBefore: 120_000_000 });
    const registrar = registrarList(batch, ids);
    const capital = capitalVerificationRegister(batch);
    expect({ people: result.people, shares: result.shares }).toEqual(registrar.totals);
    expect({ people: result.people, shares: result.shares }).toEqual({
      people: capital.totals.people,
      shares: capital.totals.shares,
    });
    expect(result.payment).toEqual({
      amount: capital.totals.amount,
      toShareCapital: capital.totals.toShareCapital,
      toCapitalReserve: capital.totals.toCapitalReserve,
    });
    expect(result.shares).toBe(batch.totals.paidShares);
    // The lapse announcement's waived shares are the batch's
    expect(batchLapseFigures(batch).totals.shares).toBe(batch.totals.waivedShares);
    // And the document says the same numbers
    const { body } = await docxText(resultAnnouncement(batch, 120_000_000));
    expect(body).toContain(`上市股数为${registrar.totals.shares.toLocaleString("en-US")}股`);
    expect(body).toContain(`${capital.totals.people}名激励对象`);
  });
});
