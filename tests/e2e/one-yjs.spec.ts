import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openDemoDraft, userPage } from "./helpers";

// The server's output, as scripts/e2e-server.mjs writes it (its preload prints one
// "[yjs-instance] <file>" line per Yjs module evaluated anywhere in the process).
const serverLog = () => readFileSync(path.join(process.cwd(), "data", "e2e", "demo.log"), "utf8");

test("the server process holds one copy of Yjs after pages, API routes reading the live text and the editor ran", async ({ browser }) => {
  const { context, page } = await userPage(browser, "chair");
  // pages (the layout with its unread count), the editor's server render and its live session
  await page.goto("/drafts");
  await openDemoDraft(page);
  const draftId = new URL(page.url()).pathname.split("/")[2];
  // route handlers that read the live document through the collaboration server
  for (const url of [`/api/drafts/${draftId}/comments`, `/api/drafts/${draftId}/clauses`, `/api/drafts/${draftId}/export?format=md`]) {
    expect((await context.request.get(url)).status(), url).toBe(200);
  }
  await page.goto("/notifications");
  await expect(page.getByTestId("whoami")).toBeVisible();

  const log = serverLog();
  const copies = log.split("\n").filter((line) => line.startsWith("[yjs-instance] "));
  expect(copies, "Yjs modules evaluated in the server process").toHaveLength(1);
  expect(copies[0]).toContain(path.join("node_modules", "yjs"));
  expect(log).not.toContain("Yjs was already imported");
  await context.close();
});
