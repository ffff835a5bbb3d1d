// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Docker and SSH clients carry native/optional modules; load them from node_modules at run time
  // instead of bundling, so the custom server and the route handlers share one copy of each.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features', 'better-sqlite3', 'pg', 'kysely'],
  // Parallel work on one checkout (and the e2e runs of each) can build into separate folders.
  distDir: process.env.BERTH_NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // The dev badge sits over the live-stream indicator.
  devIndicators: false,
};
module.exports = nextConfig;
