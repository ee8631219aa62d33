// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "exceljs"],
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = withNextIntl(nextConfig);
