import { expect, test } from "@playwright/test";
import { signInApi } from "./helpers";

test("a member searches and filters the sources", async ({ page }) => {
  await signInApi(page.request, "member@demo.test");
  await page.goto("/sources");
  await expect(page.getByTestId("source-count")).toHaveText("60 items");
  await page.getByLabel("Search").fill("identification victims");
  await page.getByLabel("Kind").selectOption("recommendation");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("source-count")).toHaveText("1 item");
  await expect(page.getByTestId("source-item")).toContainText("MKH23-REC-07");
  await page.goto("/sources?actor=Nigeria");
  const items = page.getByTestId("source-item");
  await expect(items.first()).toContainText("Nigeria");
  expect(await items.count()).toBeGreaterThanOrEqual(3);
  await page.getByRole("link", { name: "MKH23-GP-23" }).click();
  await expect(page.getByRole("link", { name: "Back to sources" })).toBeVisible();
  await expect(page.getByTestId("source-item")).toContainText("Stakeholders Forum on Border Management");
});

test("a French-speaking delegate switches the interface to French and it stays French", async ({ page }) => {
  await signInApi(page.request, "member@demo.test");
  await page.goto("/sources");
  await page.getByLabel("Language").selectOption("fr");
  await expect(page.getByRole("link", { name: "Projets" })).toBeVisible();
  await expect(page.getByLabel("Rechercher")).toBeVisible();
  await expect(page.getByTestId("source-count")).toHaveText("60 éléments");
  await page.reload();
  await expect(page.getByRole("button", { name: "Appliquer" })).toBeVisible();
  await page.goto("/drafts");
  await expect(page.getByRole("heading", { name: "Projets de Charte" })).toBeVisible();
  // source texts stay in their original language
  await page.goto("/sources?kind=conclusion");
  await expect(page.getByTestId("source-item").first()).toContainText("Migration governance");
  await page.getByLabel("Langue").selectOption("en");
  await expect(page.getByRole("link", { name: "Drafts" })).toBeVisible();
});
