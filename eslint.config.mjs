import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Features from lowest to highest: a feature imports only lower features, and never their commands.
const FEATURE_ORDER = [
  "system",
  "imports",
  "derivation",
  "notices",
  "daily",
  "plans",
  "publicity",
  "participants",
  "grants",
  "vesting",
  "persons",
  "disclosures",
  "corporate-actions",
  "calendar",
  "tax",
  "vesting-batches",
  "registers",
  "expense",
  "agenda",
  "me",
  "admin",
  "openapi",
];
const DATABASE = ["@/db", "@/db/*", "drizzle-orm", "drizzle-orm/*", "@/lib/platform/db", "pg", "@electric-sql/*"];

const featureLayers = FEATURE_ORDER.map((feature, i) => ({
  files: [`lib/features/${feature}/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      FEATURE_ORDER.length - 1 === i ? "off" : "error",
      {
        patterns: [
          ...(i + 1 < FEATURE_ORDER.length
            ? [
                {
                  group: FEATURE_ORDER.slice(i + 1).map((higher) => `@/lib/features/${higher}/*`),
                  message: `${feature} sits below these features (see FEATURE_ORDER and docs/architecture.md).`,
                },
              ]
            : []),
          // openapi describes the API: it reads the request schemas the commands validate with.
          ...(feature === "openapi"
            ? []
            : [
                {
                  group: FEATURE_ORDER.filter((f) => f !== feature).map((other) => `@/lib/features/${other}/commands`),
                  message: "Another feature's commands are its own: call its queries, or move the shared rule down.",
                },
              ]),
        ],
      },
    ],
  },
}));

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-bench/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "db/migrations/**",
      "next-env.d.ts",
      "lib/domain/calendar/sseClosures.data.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // Raw SQL built from strings is how injection gets in: drizzle's sql`` template binds parameters.
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='sql'][property.name='raw']",
          message: "sql.raw is forbidden: use the sql`` template so values are bound as parameters.",
        },
        {
          selector: "MemberExpression[object.name='sql'][property.name='identifier']",
          message: "sql.identifier with input is forbidden; name tables through the schema.",
        },
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
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "@/db/*",
            "@/lib/features/*",
            "@/lib/platform/*",
            "@/lib/auth/*",
            "next/*",
            "next",
            "react",
            "drizzle-orm*",
            "node:fs",
            "fs",
            "pg",
            "@electric-sql/*",
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      // Pages, actions and routes reach data only through lib/features, inside page(), action() or route().
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: DATABASE,
              message: "app/ never touches the database: call a feature through lib/auth/procedures.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/platform/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/features/*", "@/lib/auth/*"],
              message: "lib/platform is infrastructure: it knows nothing of identity or features.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/auth/**/*.ts", "lib/auth/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/features/*"],
              message: "lib/auth sits below the features; a feature's tuned read never reaches into auth.",
            },
          ],
        },
      ],
    },
  },
  ...featureLayers,
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx", "app/**/*.ts", "app/**/*.tsx"],
    rules: { "import/no-cycle": "error" },
  },
];

export default config;
