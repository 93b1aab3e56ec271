// Amendment exports through the real server and browser: the export menu's downloads, the HTTP
// answers for someone not signed in, and history naming the accepted amendment (demo data).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import { openDemoDraft, userPage } from "./helpers";

test("a viewer downloads the disposition table and the tracked-changes compilation from the export menu", async ({ browser }) => {
  const { page, context } = await userPage(browser, "viewer");
  await openDemoDraft(page);
  const menu = page.getByTestId("export-menu");

  const [csv] = await Promise.all([page.waitForEvent("download"), menu.getByRole("link", { name: "Disposition table (CSV)" }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^Charter-on-Humanised-Border-Management.*-disposition\.csv$/);
  const bytes = readFileSync((await csv.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
  expect(records[0]).toBe('"No.","Delegation(s)","Article/para.","Type","Op.","Proposed change","Justification","Decision","Observation","Reading"');
  expect(records.slice(1).map((r) => r.slice(1, 7))).toEqual(["AM-001", "AM-002", "AM-003", "AM-004", "AM-005", "AM-006"]);
  expect(records[2]).toContain('"Senegal, Ghana","Art. 3, para. 1"');
  expect(bytes.toString("utf8")).not.toContain("save lives as their first duty"); // Senegal's private draft

  const [docx] = await Promise.all([page.waitForEvent("download"), menu.getByRole("link", { name: "Compilation with tracked changes (Word)" }).click()]);
  expect(docx.suggestedFilename()).toMatch(/-amendments\.docx$/);
  const document = strFromU8(unzipSync(new Uint8Array(readFileSync((await docx.path())!)))["word/document.xml"]);
  expect(document).toContain('w:author="Senegal"');
  expect(document).toContain("Alternative to AM-002, which is shown in the text.");
  await context.close();
});

test("exports answer 401 with a JSON error to someone not signed in", async ({ browser }) => {
  const { page, context } = await userPage(browser, "viewer");
  await openDemoDraft(page);
  const draftId = page.url().split("/drafts/")[1].split(/[?#/]/)[0];
  await context.close();
  const stranger = await browser.newContext();
  for (const path of [`/api/drafts/${draftId}/amendments/export?format=csv`, `/api/drafts/${draftId}/export?format=docx&amendments=tracked`]) {
    const res = await stranger.request.get(path);
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  }
  await stranger.close();
});

test("an article's history names the amendment accepted into its text", async ({ browser }) => {
  // The demo's AM-001 was accepted by the chair's path: the version it made is linked to it.
  const { page, context } = await userPage(browser, "secretariat");
  await openDemoDraft(page);
  const draftId = page.url().split("/drafts/")[1].split(/[?#/]/)[0];
  await page.goto(`/drafts/${draftId}/history/clause/demo-art-1`);
  // Named once, beside the text it brought in.
  await expect(page.getByTestId("accepted-amendments")).toHaveCount(1);
  const entry = page.getByTestId("clause-version").filter({ has: page.getByTestId("accepted-amendments") });
  await expect(entry.getByTestId("accepted-amendments")).toHaveText("AM-001 (Senegal) accepted");
  await expect(entry).toContainText("shall respect and protect the human rights");
  await context.close();
});
