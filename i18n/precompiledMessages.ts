import compile from "icu-minify/compile";
import { MESSAGES } from "@/messages";
import type { Locale } from "./locales";

type MessageTree = { [key: string]: string | MessageTree | ReturnType<typeof compile> };

// Every ICU message is parsed once per process here, not again on every request that formats it: next-intl
// then uses its format-only formatter (selected in next.config.js), which takes messages in this form.
// The JSON round trip turns the compiler's null-prototype objects (plural and select branches) into plain
// ones, the only kind React may hand to client components, which get some namespaces too.
function compileTree(tree: Record<string, unknown>): MessageTree {
  return JSON.parse(JSON.stringify(compileBranches(tree))) as MessageTree;
}

function compileBranches(tree: Record<string, unknown>): MessageTree {
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [
      key,
      typeof value === "string" ? compile(value) : compileBranches(value as Record<string, unknown>),
    ]),
  );
}

/** MESSAGES, precompiled. */
export const PRECOMPILED_MESSAGES: Record<Locale, MessageTree> = {
  en: compileTree(MESSAGES.en),
  "zh-CN": compileTree(MESSAGES["zh-CN"]),
};
