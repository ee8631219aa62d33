import { describe, expect, it } from "vitest";
import zh from "@/messages/zh-CN/myVesting.json";
import en from "@/messages/en/myVesting.json";
import zhRoot from "@/messages/zh-CN.json";
import enRoot from "@/messages/en.json";

type Tree = { [key: string]: string | Tree };

/** "a.b.c" for every text of a message tree, with the {arguments} it takes. */
function texts(tree: Tree, prefix = ""): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") {
      // Top-level arguments only: "{days, plural, one {# day} …}" names days; inner branches repeat outer ones.
      const args = [...v.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!);
      out.set(key, [...new Set(args)].sort());
    } else for (const [k2, v2] of texts(v, key)) out.set(k2, v2);
  }
  return out;
}

// The grantee's vesting page (issue #16) in both languages: the same texts, each taking the same values.
describe("myVesting messages", () => {
  it("has every text in Chinese and English, with the same arguments", () => {
    const a = texts(zh as Tree);
    const b = texts(en as Tree);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [key, args] of a) expect(b.get(key), key).toEqual(args);
  });

  it("has the vesting batch notices in both languages, with the same arguments", () => {
    for (const kind of ["payment_due", "payment_closed", "shares_registered"]) {
      const a = texts({ t: (zhRoot as { notice: Record<string, string> }).notice[kind]! });
      const b = texts({ t: (enRoot as { notice: Record<string, string> }).notice[kind]! });
      expect(a.get("t")!.length, kind).toBeGreaterThan(0);
      expect(b.get("t"), kind).toEqual(a.get("t"));
    }
  });
});
