import { describe, expect, it } from "vitest";
import { csvRecord, decimalCell, integerCell, textCell } from "../../lib/domain/registers/registerCell";
import { spreadsheetSafeText } from "../../lib/domain/registers/spreadsheetSafeText";

describe("csvRecord", () => {
  it("quotes per RFC 4180, ends in CRLF and writes numbers plain", () => {
    expect(
      csvRecord([
        textCell("张三"),
        textCell('a "b", c'),
        textCell("two\r\nlines"),
        integerCell(1200),
        decimalCell("45.26", "0.00"),
        null,
      ]),
    ).toBe('张三,"a ""b"", c","two\r\nlines",1200,45.26,\r\n');
  });

  it("neutralises text that a spreadsheet would read as a formula, but not numbers", () => {
    expect(
      csvRecord([textCell('=HYPERLINK("http://x","y")'), textCell("@SUM(A1)"), textCell("-5"), integerCell(-5)]),
    ).toBe(`"'=HYPERLINK(""http://x"",""y"")",'@SUM(A1),'-5,-5\r\n`);
    expect(csvRecord([textCell("\tx"), textCell("\rx")])).toBe("'\tx,\"'\rx\"\r\n");
  });

  it("spreadsheetSafeText leaves ordinary text alone", () => {
    for (const v of ["=1+1", "+1", "-1", "@A", "\tx", "\rx", "\0x"]) expect(spreadsheetSafeText(v)).toBe(`'${v}`);
    for (const v of ["张三", "a=b", "", "1-2"]) expect(spreadsheetSafeText(v)).toBe(v);
  });

  it("null and undefined make empty cells", () => {
    expect([textCell(null), integerCell(undefined), decimalCell(null, "0.00")]).toEqual([null, null, null]);
  });
});
