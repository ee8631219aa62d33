"use client";
import { signOut } from "next-auth/react";

/** Ends the session (next-auth clears the cookie with a CSRF-checked POST) and returns to the login page. */
export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={() => signOut({ callbackUrl: "/login" })}
      className="rounded-md px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100"
    >
      {label}
    </button>
  );
}
