import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkIdNumber, parseIdType, residentIdCheckChar } from "@/lib/domain/persons/idDocument";
import { parseNationality } from "@/lib/domain/persons/nationality";

describe("ID numbers by document type", () => {
  it("accepts GB 11643's own example and refuses it with another check character", () => {
    expect(checkIdNumber("resident_id", "11010519491231002X")).toEqual([]);
    expect(checkIdNumber("resident_id", "110105 19491231 002x")).toEqual([]);
    const [v] = checkIdNumber("resident_id", "110105194912310021");
    expect(v).toMatchObject({ code: "ID_NUMBER_CHECK_DIGIT", details: { expected: "X" } });
  });

  it("refuses a resident ID with a birth date that does not exist or the wrong length", () => {
    const first17 = "11010519490230002";
    expect(checkIdNumber("resident_id", first17 + residentIdCheckChar(first17))[0]?.code).toBe("ID_NUMBER_INVALID");
    expect(checkIdNumber("resident_id", "11010519491231002")[0]?.code).toBe("ID_NUMBER_INVALID");
  });

  it("any 17 digits with a valid birth date and their check character pass; every other last character fails", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.date({ min: new Date("1900-01-01"), max: new Date("2020-12-31"), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
        fc.constantFrom(..."0123456789X"),
        (area, birth, seq, last) => {
          const first17 = area + birth.toISOString().slice(0, 10).replace(/-/g, "") + seq;
          const ok = checkIdNumber("resident_id", first17 + last).length === 0;
          return ok === (last === residentIdCheckChar(first17));
        },
      ),
    );
  });

  it("checks the other documents' published formats", () => {
    expect(checkIdNumber("hk_macau_permit", "H12345678")).toEqual([]);
    expect(checkIdNumber("hk_macau_permit", "M1234567890")).toEqual([]);
    expect(checkIdNumber("hk_macau_permit", "X12345678")[0]?.code).toBe("ID_NUMBER_INVALID");
    expect(checkIdNumber("taiwan_permit", "12345678")).toEqual([]);
    expect(checkIdNumber("passport", "E12345678")).toEqual([]);
    expect(checkIdNumber("passport", "E1")[0]?.code).toBe("ID_NUMBER_INVALID");
    expect(checkIdNumber("foreign_permanent_residence", "USA123456789012")).toEqual([]);
    const first17 = "93310119800101123";
    expect(checkIdNumber("foreign_permanent_residence", first17 + residentIdCheckChar(first17))).toEqual([]);
  });

  it("reads document types and nationalities as people write them", () => {
    expect(parseIdType("身份证")).toBe("resident_id");
    expect(parseIdType("Passport")).toBe("passport");
    expect(parseIdType("台胞证")).toBe("taiwan_permit");
    expect(parseIdType("驾照")).toBeNull();
    expect(parseNationality("中国")).toBe("CN");
    expect(parseNationality("Japan")).toBe("JP");
    expect(parseNationality("de")).toBe("DE");
    expect(parseNationality("中国香港")).toBe("HK");
    expect(parseNationality("ZZ")).toBeNull();
    expect(parseNationality("火星")).toBeNull();
  });
});
