import { beforeEach, describe, expect, it } from "vitest";
import {
  forgetKeptGrants,
  GRANT_CACHE_USERS,
  keepGrants,
  keepGrantsText,
  keptGrants,
  keptGrantsText,
  keptGrantVersion,
} from "@/lib/features/grants/readModel/grantDtoCache";
import type { GrantDto } from "@/lib/features/grants/readModel/grantReads";

const grant = (id: string) =>
  ({ id, planId: "p", quantity: 100, tranches: [{ index: 1, vestedQuantity: 0 }] }) as unknown as GrantDto;

describe("grant DTOs kept between a user's requests", () => {
  beforeEach(() => forgetKeptGrants());

  it("tells the session check nothing is kept for a user it has not seen", () => {
    expect(keptGrantVersion("u1")).toEqual({ gv: -1, gp: null });
    expect(keptGrants("u1", "person", 1)).toBeNull();
    expect(keptGrantsText("u1", "person", 1)).toBeNull();
  });

  it("hands kept grants back only to the same user, for the same person and version", () => {
    keepGrantsText("u1", "person-a", 7, JSON.stringify([grant("g1")]));
    expect(keptGrantVersion("u1")).toEqual({ gv: 7, gp: "person-a" });
    expect(keptGrants("u1", "person-a", 7)).toEqual([grant("g1")]);
    expect(keptGrants("u2", "person-a", 7)).toBeNull();
    expect(keptGrants("u1", "person-b", 7)).toBeNull();
    expect(keptGrants("u1", "person-a", 8)).toBeNull();
    expect(keptGrantVersion("u2")).toEqual({ gv: -1, gp: null });
  });

  it("serves text kept from parsed grants and the other way round, and freezes what requests share", () => {
    const kept = keepGrants("u1", "person-a", 3, [grant("g1"), grant("g2")]);
    expect(JSON.parse(keptGrantsText("u1", "person-a", 3)!)).toEqual([grant("g1"), grant("g2")]);
    expect(Object.isFrozen(kept) && Object.isFrozen(kept[0]) && Object.isFrozen(kept[0]!.tranches[0])).toBe(true);
    expect(() => {
      (kept[0] as { quantity: number }).quantity = 1;
    }).toThrow(TypeError);
    keepGrantsText("u2", "person-b", 3, JSON.stringify([grant("g3")]));
    const parsed = keptGrants("u2", "person-b", 3)!;
    expect(parsed).toEqual([grant("g3")]);
    expect(Object.isFrozen(parsed[0])).toBe(true);
    // Parsed once: the same objects on the next request.
    expect(keptGrants("u2", "person-b", 3)).toBe(parsed);
  });

  it("keeps the most recently used users and drops the longest unused first", () => {
    for (let i = 0; i < GRANT_CACHE_USERS; i++) keepGrantsText(`u${i}`, "p", 1, "[]");
    // u0 is used again, so u1 is now the longest unused.
    expect(keptGrantsText("u0", "p", 1)).toBe("[]");
    keepGrantsText("new", "p", 1, "[]");
    expect(keptGrantsText("u0", "p", 1)).toBe("[]");
    expect(keptGrantsText("u1", "p", 1)).toBeNull();
    expect(keptGrantsText("new", "p", 1)).toBe("[]");
  });
});
