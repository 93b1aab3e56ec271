import { defineConfig } from "@playwright/test";

// Debian's Chromium (npx playwright install cannot download here). Two servers: one seeded with
// the demo accounts, one empty for the first-run journey. Both on 127.0.0.1 only.
// E2E_PORT moves both servers (parallel checkouts on one machine): demo on it, empty on it + 1.
const DEMO_PORT = Number(process.env.E2E_PORT ?? 3210);
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
export const EMPTY_URL = `http://127.0.0.1:${DEMO_PORT + 1}`;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: DEMO_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: [
    { command: `node scripts/e2e-server.mjs ${DEMO_PORT} demo --demo`, url: `${DEMO_URL}/login`, timeout: 180_000, reuseExistingServer: false, stdout: "pipe" },
    { command: `node scripts/e2e-server.mjs ${DEMO_PORT + 1} empty`, url: `${EMPTY_URL}/setup`, timeout: 180_000, reuseExistingServer: false, stdout: "pipe" },
  ],
});
