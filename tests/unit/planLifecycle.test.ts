import { describe, expect, it } from "vitest";
import { planStatusEnum } from "@/db/schema/enums";
import {
  GRANTABLE_STATUSES,
  PLAN_STATUSES,
  PLAN_TRANSITIONS,
  allowedTransitions,
  canGrant,
  checkTransition,
  isPlanStatus,
  isTerminalPlanStatus,
  statusAfterGrant,
  type PlanStatus,
} from "../../lib/domain/plans/planLifecycle";

describe("plan lifecycle table", () => {
  it("names the same statuses as the database enum", () => {
    expect([...PLAN_STATUSES]).toEqual([...planStatusEnum.enumValues]);
  });

  it("allows exactly what the enum-order rule allowed: the next step, closed/expired from vesting, nothing after", () => {
    // The rule the table replaces, kept here as the regression oracle.
    const byOrder = (from: PlanStatus): PlanStatus[] => {
      if (from === "vesting") return ["closed", "expired"];
      if (from === "closed" || from === "expired") return [];
      const next = PLAN_STATUSES[PLAN_STATUSES.indexOf(from) + 1];
      return next ? [next] : [];
    };
    for (const from of PLAN_STATUSES) expect(allowedTransitions(from), from).toEqual(byOrder(from));
  });

  it("checkTransition returns null for an allowed move and INVALID_TRANSITION with the allowed moves otherwise", () => {
    expect(checkTransition("draft", "board_approved")).toBeNull();
    expect(checkTransition("vesting", "expired")).toBeNull();
    expect(checkTransition("draft", "publicity")).toEqual({
      code: "INVALID_TRANSITION",
      from: "draft",
      to: "publicity",
      allowed: ["board_approved"],
    });
    expect(checkTransition("granted", "draft")).toEqual({
      code: "INVALID_TRANSITION",
      from: "granted",
      to: "draft",
      allowed: ["vesting"],
    });
    expect(checkTransition("closed", "expired")).toEqual({
      code: "INVALID_TRANSITION",
      from: "closed",
      to: "expired",
      allowed: [],
    });
    expect(checkTransition("draft", "draft")?.code).toBe("INVALID_TRANSITION");
  });

  it("every status is reachable from draft and every path ends in closed or expired", () => {
    const seen = new Set<PlanStatus>(["draft"]);
    const queue: PlanStatus[] = ["draft"];
    while (queue.length) {
      for (const to of PLAN_TRANSITIONS[queue.shift()!]) {
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...PLAN_STATUSES].sort());
    for (const s of PLAN_STATUSES) expect(PLAN_TRANSITIONS[s].length === 0, s).toBe(isTerminalPlanStatus(s));
  });

  it("returns a fresh array, so a caller cannot edit the table", () => {
    allowedTransitions("vesting").pop();
    expect(allowedTransitions("vesting")).toEqual(["closed", "expired"]);
  });

  it("grants: first and reserved only once the general meeting approved (never skipping it); the first grant makes the plan granted", () => {
    expect(GRANTABLE_STATUSES.first).toEqual(["approved_by_general_meeting"]);
    expect(canGrant("first", "publicity")).toBe(false);
    expect(canGrant("first", "verified")).toBe(false);
    expect(canGrant("reserved", "vesting")).toBe(true);
    expect(canGrant("reserved", "verified")).toBe(false);
    expect(statusAfterGrant("verified")).toBe("verified");
    expect(statusAfterGrant("approved_by_general_meeting")).toBe("granted");
    expect(statusAfterGrant("vesting")).toBe("vesting");
    expect(isPlanStatus("granted")).toBe(true);
    expect(isPlanStatus("terminated")).toBe(false);
  });
});
