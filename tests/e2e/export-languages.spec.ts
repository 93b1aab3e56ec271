// The export menu's text choice (issue 13 item 6): English, French or both beside the format, the
// labels' language apart; downloads through the real server.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { openDemoDraft, userPage } from "./helpers";

test("a reader exports the French text, both texts side by side, and both Akoma Ntoso documents", async ({ browser }) => {
  const { page, context } = await userPage(browser, "viewer");
  await openDemoDraft(page);
  const menu = page.getByTestId("export-menu");
  const download = async () => {
    const [file] = await Promise.all([page.waitForEvent("download"), menu.getByRole("link", { name: "Export", exact: true }).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  };

  await menu.getByLabel("Format").selectOption("md");
  await menu.getByLabel("Text").selectOption({ label: "French" });
  const french = await download();
  expect(french.name).toMatch(/^Charter-on-Humanised-Border-Management.*-fr\.md$/);
  expect(french.bytes.toString("utf8")).toMatch(/^# Charter on Humanised Border Management/);

  await menu.getByLabel("Text").selectOption({ label: "English and French, side by side" });
  const both = (await download()).bytes.toString("utf8");
  expect(both).toContain("#### English");
  expect(both).toContain("#### Français");
  // Word tracks changes in one text: the compilation link waits for one language.
  await expect(menu.getByRole("link", { name: "Compilation with tracked changes (Word)" })).toHaveCount(0);
  await expect(menu.getByText("Tracked changes: choose English or French")).toBeVisible();

  await menu.getByLabel("Format").selectOption("akn");
  await expect(menu.getByText("Akoma Ntoso: one file per language, in a zip")).toBeVisible();
  const zip = await download();
  expect(zip.name).toMatch(/-en-fr\.akn\.zip$/);
  expect(Object.keys(unzipSync(new Uint8Array(zip.bytes))).sort()).toEqual([expect.stringMatching(/-en\.akn\.xml$/), expect.stringMatching(/-fr\.akn\.xml$/)]);
  await context.close();
});

test("the text choice is labelled in French for a French-speaking reader", async ({ browser }) => {
  const { page, context } = await userPage(browser, "observer");
  expect((await context.request.post("/api/me/locale", { data: { locale: "fr" } })).ok()).toBeTruthy();
  try {
    await openDemoDraft(page);
    const menu = page.getByTestId("export-menu");
    await expect(menu.getByLabel("Texte")).toBeVisible();
    await expect(menu.getByLabel("Texte").locator("option")).toHaveText(["Anglais", "Français", "Anglais et français, côte à côte"]);
  } finally {
    await context.request.post("/api/me/locale", { data: { locale: "en" } });
    await context.close();
  }
});
