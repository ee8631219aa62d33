import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-bench/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "db/migrations/**", "next-env.d.ts", "lib/domain/calendar/sseClosures.data.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // Raw SQL built from strings is how injection gets in: drizzle's sql`` template binds parameters.
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='sql'][property.name='raw']", message: "sql.raw is forbidden: use the sql`` template so values are bound as parameters." },
        { selector: "MemberExpression[object.name='sql'][property.name='identifier']", message: "sql.identifier with input is forbidden; name tables through the schema." },
      ],
    },
  },
  {
    files: ["next.config.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["lib/domain/**/*.ts"],
    rules: {
      // The domain engine stays pure: no database, framework or file-system imports.
      "no-restricted-imports": ["error", { patterns: ["@/db/*", "@/lib/features/*", "@/lib/platform/*", "@/lib/auth/*", "next/*", "next", "react", "drizzle-orm*", "node:fs", "fs", "pg", "@electric-sql/*"] }],
    },
  },
];

export default config;
