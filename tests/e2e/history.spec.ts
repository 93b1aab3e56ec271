import { expect, test } from "@playwright/test";
import { openDemoDraft, userPage } from "./helpers";

test("Draft 1 → edits → Draft 2: a viewer compares them and sees changes, word diffs, the removed citation and who made them", async ({ browser }) => {
  const chair = await userPage(browser, "chair");
  const member = await userPage(browser, "member");
  await openDemoDraft(chair.page);
  await chair.page.getByRole("link", { name: "History" }).click();
  await expect(chair.page).toHaveURL(/\/history$/);
  await chair.page.getByLabel("Name", { exact: true }).fill("Draft 1");
  await chair.page.getByRole("button", { name: "Name this version" }).click();
  await expect(chair.page.locator('[data-testid=version][data-name="Draft 1"]')).toBeVisible();

  // the member edits two articles and removes a citation
  await openDemoDraft(member.page);
  const art4 = member.page.locator('.charter section.clause[data-clause-id="demo-art-4"] p').first();
  await art4.click();
  await member.page.keyboard.press("Control+End");
  await art4.click();
  await member.page.keyboard.press("Home");
  await member.page.keyboard.type("All ");
  const art5 = member.page.locator('.charter section.clause[data-clause-id="demo-art-5"]');
  await art5.locator('cite[data-key="MKH23-REC-05"]').click();
  await member.page.keyboard.press("Delete");
  await expect(art5.locator('cite[data-key="MKH23-REC-05"]')).toHaveCount(0);
  await art5.locator("p").first().click();
  await member.page.keyboard.press("Home");
  await member.page.keyboard.type("Together, ");
  await member.page.waitForTimeout(800); // let the changes reach the server

  await chair.page.getByLabel("Name", { exact: true }).fill("Draft 2");
  await chair.page.getByRole("button", { name: "Name this version" }).click();
  await expect(chair.page.locator('[data-testid=version][data-name="Draft 2"]')).toBeVisible();

  // a capital's reviewer compares the two
  const viewer = await userPage(browser, "viewer");
  await openDemoDraft(viewer.page);
  await viewer.page.getByRole("link", { name: "History" }).click();
  await expect(viewer.page).toHaveURL(/\/history$/);
  await viewer.page.locator("select[name=from]").selectOption({ label: "Draft 1" });
  await viewer.page.locator("select[name=to]").selectOption({ label: "Draft 2" });
  await viewer.page.getByRole("button", { name: "Compare" }).click();
  await expect(viewer.page.getByTestId("compare-title")).toHaveText("Changes from Draft 1 to Draft 2");
  const changes = viewer.page.getByTestId("clause-change");
  await expect(changes).toHaveCount(2);
  const four = viewer.page.locator('[data-testid=clause-change][data-clause-id="demo-art-4"]');
  await expect(four.locator("ins")).toContainText("All");
  await expect(four.getByTestId("change-authors")).toContainText("Aminata Diallo");
  const five = viewer.page.locator('[data-testid=clause-change][data-clause-id="demo-art-5"]');
  await expect(five.locator("ins")).toContainText("Together,");
  await expect(five).toContainText(/Article \d+ no longer cites MKH23-REC-05/);
  await expect(five.getByTestId("change-authors")).toContainText("Aminata Diallo");
  // side by side view
  await viewer.page.getByLabel("Inline").selectOption("side");
  await viewer.page.getByRole("button", { name: "Show" }).click();
  await expect(five.getByRole("heading", { name: "Before" })).toBeVisible();
  // per-article history
  await five.getByRole("link", { name: "History of this article" }).click();
  await expect(viewer.page.getByTestId("clause-version").first()).toContainText("Together,");
  // a viewer cannot restore or name versions
  await viewer.page.goto(viewer.page.url().replace(/\/clause\/.*$/, ""));
  await expect(viewer.page.getByRole("button", { name: "Restore this version" })).toHaveCount(0);
  await expect(viewer.page.getByRole("button", { name: "Name this version" })).toHaveCount(0);
  for (const c of [chair, member, viewer]) await c.context.close();
});

test("the chair restores Draft 1 and connected editors see it at once", async ({ browser }) => {
  const chair = await userPage(browser, "chair");
  const member = await userPage(browser, "member");
  await openDemoDraft(member.page);
  await expect(member.page.locator('.charter section.clause[data-clause-id="demo-art-5"]')).toContainText("Together,");
  await openDemoDraft(chair.page);
  await chair.page.getByRole("link", { name: "History" }).click();
  chair.page.once("dialog", (d) => void d.accept());
  await chair.page.locator('[data-testid=version][data-name="Draft 1"]').getByRole("button", { name: "Restore this version" }).click();
  await expect(chair.page.locator('[data-testid=version][data-name="Restored: Draft 1"]')).toBeVisible();
  const art5 = member.page.locator('.charter section.clause[data-clause-id="demo-art-5"]');
  await expect(art5).not.toContainText("Together,");
  await expect(art5.locator('cite[data-key="MKH23-REC-05"]')).toBeVisible();
  await chair.context.close();
  await member.context.close();
});
