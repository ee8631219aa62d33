import { describe, expect, it } from "vitest";
import { oidcProvider } from "@/lib/auth/oidcProvider";

const ENV = {
  OIDC_ISSUER: "https://sso.example.cn/realms/corp/",
  OIDC_CLIENT_ID: "vesting-desk",
  OIDC_CLIENT_SECRET: "s3cret",
} as unknown as NodeJS.ProcessEnv;

describe("oidcProvider", () => {
  it("is off unless issuer, client id and secret are all set", () => {
    expect(oidcProvider({} as NodeJS.ProcessEnv)).toBeNull();
    expect(oidcProvider({ ...ENV, OIDC_CLIENT_SECRET: "" })).toBeNull();
    expect(oidcProvider({ ...ENV, OIDC_ISSUER: undefined })).toBeNull();
  });

  it("builds a discovery-based OpenID Connect provider with PKCE and state", async () => {
    const p = oidcProvider(ENV)!;
    expect(p).toMatchObject({
      id: "oidc",
      type: "oauth",
      issuer: "https://sso.example.cn/realms/corp",
      idToken: true,
      checks: ["pkce", "state"],
      wellKnown: "https://sso.example.cn/realms/corp/.well-known/openid-configuration",
      clientId: "vesting-desk",
      clientSecret: "s3cret",
    });
    expect(await p.profile({ sub: "abc-123", email: "Li.Si@Example.cn", name: "李四" }, {})).toEqual({
      id: "abc-123",
      email: "Li.Si@Example.cn",
      name: "李四",
    });
    expect(await p.profile({ sub: "x" }, {})).toEqual({ id: "x", email: null, name: null });
  });
});
