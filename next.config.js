// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Docker and SSH clients carry native/optional modules; load them from node_modules at run time
  // instead of bundling, so the custom server and the route handlers share one copy of each.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features', 'better-sqlite3', 'pg', 'kysely'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The dev badge sits over the live-stream indicator.
  devIndicators: false,
};
module.exports = nextConfig;
