import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { openDemoDraft, userPage } from "./helpers";

test("the secretariat downloads the draft as DOCX and PDF from the editor page", async ({ browser }) => {
  const { page, context } = await userPage(browser, "secretariat");
  await openDemoDraft(page);
  const menu = page.getByTestId("export-menu");

  const [docx] = await Promise.all([page.waitForEvent("download"), menu.getByRole("link", { name: "Export" }).click()]);
  expect(docx.suggestedFilename()).toMatch(/^Charter-on-Humanised-Border-Management.*\.docx$/);
  const docxBytes = readFileSync((await docx.path())!);
  expect(docxBytes.subarray(0, 2).toString()).toBe("PK"); // a zip container

  await menu.getByLabel("Format").selectOption("pdf");
  const [pdf] = await Promise.all([page.waitForEvent("download"), menu.getByRole("link", { name: "Export" }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe("%PDF-");
  await context.close();
});
