// Next.js configuration. The app is served by server/main.ts (custom server), which also hosts
// the collaboration websocket on the same port.
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./app/_lib/i18n-request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only packages stay outside the bundle. Yjs and the packages that hold Yjs
  // types or protocol state are external too, so the process (tsx server, API routes, pages and the
  // editor's server render) shares ONE copy of Yjs from node_modules: a Y.Doc made by one copy
  // fails the instanceof checks of another, and Yjs warns "already imported".
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "ws",
    "bcryptjs",
    "yjs",
    "lib0",
    "y-protocols",
    "@tiptap/y-tiptap",
  ],
  typescript: { ignoreBuildErrors: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
