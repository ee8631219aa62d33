import { describe, expect, it } from "vitest";
import { openApiDocument, IMPLICIT_STATUS_CHANGES, SIGNING_IN } from "@/lib/features/openapi/document";
import { PLAN_STATUSES, PLAN_TRANSITIONS } from "@/lib/domain/plans/planLifecycle";

describe("the OpenAPI document tells an integrator what the schemas cannot", () => {
  it("names every plan status, and the side-effect transitions it documents are ones the lifecycle allows", () => {
    for (const status of PLAN_STATUSES) expect(IMPLICIT_STATUS_CHANGES).toContain(status);
    const documented = [...IMPLICIT_STATUS_CHANGES.matchAll(/moves (?:the plan|it) from (\w+) to (\w+)/g)];
    expect(documented.map(([, from, to]) => `${from}>${to}`)).toEqual([
      "board_approved>publicity",
      "publicity>verified",
      "approved_by_general_meeting>granted",
    ]);
    for (const [, from, to] of documented)
      expect(PLAN_TRANSITIONS[from as keyof typeof PLAN_TRANSITIONS]).toContain(to);
  });

  it("describes signing in with both security schemes and names endpoints that exist", () => {
    const doc = openApiDocument();
    expect(doc.info.description).toContain(SIGNING_IN);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerToken", "sessionCookie"]);
    for (const path of SIGNING_IN.match(/\/api\/v1\/[\w/-]+/g) ?? []) expect(Object.keys(doc.paths)).toContain(path);
  });
});
