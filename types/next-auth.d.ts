import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    uid?: string;
    roles?: ("employee" | "hr" | "admin" | "auditor" | "finance")[];
    sv?: number;
    absExp?: number;
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    roles?: ("employee" | "hr" | "admin" | "auditor" | "finance")[];
    sv?: number;
    absExp?: number;
    sid?: string;
  }
}
