// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const path = require("node:path");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Messages are precompiled once per process (i18n/precompiledMessages.ts), so next-intl formats them with
// its small format-only formatter instead of parsing ICU text on every request. Turbopack needs the alias
// as a relative path (as next-intl's own precompile option sets it).
const formatOnly = `./${path.relative(__dirname, require.resolve("use-intl/format-message/format-only"))}`;

const benchBuild = process.env.VD_BENCH_BUILD === "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The benchmark's floor routes (app/**/*.bench.tsx, *.bench.ts) exist only in the benchmark's own build
  // (VD_BENCH_BUILD=1, kept apart in .next-bench): the production build has no such routes at all.
  pageExtensions: benchBuild ? ["bench.tsx", "bench.ts", "tsx", "ts"] : ["tsx", "ts"],
  distDir: benchBuild ? ".next-bench" : ".next",
  // Native and WASM packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "exceljs"],
  poweredByHeader: false,
  // Baseline headers on every response. The page Content-Security-Policy carries a per-request
  // nonce, so proxy.ts sets it on pages; API responses get a fixed, stricter one here.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
      {
        // JSON and files never load scripts, styles or frames.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        // HSTS only on responses to HTTPS requests: `next start` speaks HTTP behind a TLS-terminating
        // reverse proxy, which says so in X-Forwarded-Proto (first hop). One rule here covers pages,
        // API and redirects alike, including responses the proxy or a route handler builds itself.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https(\\s*,.*)?" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
  typedRoutes: false,
  turbopack: { resolveAlias: { "use-intl/format-message": formatOnly } },
};

module.exports = withNextIntl(nextConfig);
