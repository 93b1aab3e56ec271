import { expect, test } from "@playwright/test";
import { openDemoDraft, userPage } from "./helpers";

test("typing in one browser shows in another with the author's caret", async ({ browser }) => {
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  await openDemoDraft(member.page);
  await openDemoDraft(chair.page);

  const memberArticle = member.page.locator(".charter section.clause").nth(1).locator("p").first();
  await memberArticle.click();
  await member.page.keyboard.press("End");
  await member.page.keyboard.type(" Typed live by the member.");
  const chairArticle = chair.page.locator(".charter section.clause").nth(1);
  await expect(chairArticle).toContainText("Typed live by the member.");
  await expect(chair.page.locator(".collab-caret-label", { hasText: "Aminata Diallo · Senegal" })).toBeVisible();
  await expect(chair.page.getByTestId("presence").locator("li")).toHaveCount(2);
  // the outline says who is in which article
  await expect(chair.page.getByTestId("outline")).toContainText("Aminata Diallo here");

  // reload keeps everything
  await chair.page.reload();
  await expect(chair.page.locator(".charter section.clause").nth(1)).toContainText("Typed live by the member.");
  await member.context.close();
  await chair.context.close();
});

test("a viewer's editor is read-only and still follows live changes", async ({ browser }) => {
  const viewer = await userPage(browser, "viewer");
  const member = await userPage(browser, "member");
  await openDemoDraft(viewer.page);
  await openDemoDraft(member.page);
  await expect(viewer.page.getByText("Read-only: your role can read this draft")).toBeVisible();
  await expect(viewer.page.locator(".charter .ProseMirror")).toHaveAttribute("contenteditable", "false");
  await expect(viewer.page.getByRole("toolbar")).toHaveCount(0);
  const before = await viewer.page.locator(".charter").innerText();
  await viewer.page.locator(".charter section.clause").first().click();
  await viewer.page.keyboard.type("viewer text");
  expect(await viewer.page.locator(".charter").innerText()).toBe(before);

  const p = member.page.locator(".charter section.clause").nth(3).locator("p").first();
  await p.click();
  await member.page.keyboard.press("End");
  await member.page.keyboard.type(" Seen by the viewer.");
  await expect(viewer.page.locator(".charter section.clause").nth(3)).toContainText("Seen by the viewer.");
  await viewer.context.close();
  await member.context.close();
});

test("editing offline shows the offline state and syncs on return", async ({ browser }) => {
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  await openDemoDraft(member.page);
  await openDemoDraft(chair.page);

  await member.context.setOffline(true);
  await expect(member.page.getByTestId("connection-status")).toHaveAttribute("data-state", "offline", { timeout: 40_000 });
  await expect(member.page.getByTestId("connection-status")).toContainText("changes will sync");
  const p = member.page.locator(".charter section.clause").nth(4).locator("p").first();
  await p.click();
  await member.page.keyboard.press("End");
  await member.page.keyboard.type(" Written while offline.");
  // meanwhile the chair edits another article
  const chairP = chair.page.locator(".charter section.clause").nth(0).locator("p").first();
  await chairP.click();
  await chair.page.keyboard.press("End");
  await chair.page.keyboard.type(" Chair online.");
  await member.page.waitForTimeout(500);
  await expect(chair.page.locator(".charter")).not.toContainText("Written while offline.");

  await member.context.setOffline(false);
  await expect(member.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  await expect(chair.page.locator(".charter section.clause").nth(4)).toContainText("Written while offline.");
  await expect(member.page.locator(".charter section.clause").nth(0)).toContainText("Chair online.");
  // no duplicates
  expect((await chair.page.locator(".charter").innerText()).split("Written while offline.").length).toBe(2);
  await member.context.close();
  await chair.context.close();
});

test("clause commands add, move and number articles", async ({ browser }) => {
  const { page, context } = await userPage(browser, "chair");
  await openDemoDraft(page);
  const clauses = page.locator(".charter section.clause");
  const count = await clauses.count();
  await clauses.last().locator("p").first().click();
  await page.getByRole("button", { name: "Add article" }).click();
  await page.keyboard.type("Final provisions");
  await expect(clauses).toHaveCount(count + 1);
  await expect(page.getByTestId("outline")).toContainText(`Article ${count + 1} — Final provisions`);
  await page.getByRole("button", { name: "Article actions" }).click();
  await page.getByRole("button", { name: "Move up" }).click();
  await expect(page.getByTestId("outline")).toContainText(`Article ${count} — Final provisions`);
  await context.close();
});
