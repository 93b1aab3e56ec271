import { expect, test, type Browser, type Page } from "@playwright/test";
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

async function newDraftPage(browser: Browser, title: string) {
  const author = await userPage(browser, "secretariat");
  const res = await author.context.request.post("/api/drafts", { data: { title } });
  expect(res.ok()).toBeTruthy();
  const id = ((await res.json()) as { id: string }).id;
  await openDraft(author.page, id);
  return { ...author, id };
}

async function openDraft(page: Page, id: string) {
  await page.goto(`/drafts/${id}`);
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}

async function articleAction(page: Page, name: string) {
  const toolbar = page.getByRole("toolbar");
  const button = toolbar.getByRole("button", { name });
  if (!(await button.isVisible())) await toolbar.getByRole("button", { name: "Article actions" }).click();
  await button.click();
}

test("the outline follows heading edits, splits and moves made here or by a co-editor, and leads to the article", async ({ browser }) => {
  const author = await newDraftPage(browser, "Outline check");
  const coEditor = await userPage(browser, "chair");
  await openDraft(coEditor.page, author.id);
  const { page } = author;
  const clauses = page.locator(".charter section.clause");
  const outlineOf = (p: Page) => p.getByTestId("outline").getByRole("button");

  await clauses.first().locator("h3").click();
  await page.keyboard.type("Scope");
  await clauses.first().locator("p").click();
  await page.keyboard.type("Alpha one. Alpha two.");
  for (const heading of ["Rights", "Final"]) {
    await page.getByRole("button", { name: "Add article" }).click();
    await page.keyboard.type(heading);
  }
  for (const p of [page, coEditor.page]) await expect(outlineOf(p)).toHaveText(["Article 1 — Scope", "Article 2 — Rights", "Article 3 — Final"]);

  // a split here
  await clauses.first().locator("p").click();
  await page.keyboard.press("End");
  for (let i = 0; i < "Alpha two.".length; i++) await page.keyboard.press("ArrowLeft");
  await articleAction(page, "Split article here");
  for (const p of [page, coEditor.page]) await expect(outlineOf(p)).toHaveText(["Article 1 — Scope", "Article 2 — (no heading)", "Article 3 — Rights", "Article 4 — Final"]);

  // a move by the co-editor
  await coEditor.page.locator(".charter section.clause").nth(3).locator("h3").click();
  await articleAction(coEditor.page, "Move up");
  for (const p of [page, coEditor.page]) await expect(outlineOf(p)).toHaveText(["Article 1 — Scope", "Article 2 — (no heading)", "Article 3 — Final", "Article 4 — Rights"]);

  // text typed before an article does not send the outline's link elsewhere
  await clauses.first().locator("p").click();
  await page.keyboard.type(" Some more words before the other articles.");
  await outlineOf(page).filter({ hasText: "Rights" }).click();
  await page.keyboard.type("Human ");
  for (const p of [page, coEditor.page]) await expect(outlineOf(p)).toHaveText(["Article 1 — Scope", "Article 2 — (no heading)", "Article 3 — Final", "Article 4 — Human Rights"]);
  await expect(clauses.nth(3).locator("h3")).toHaveText("Human Rights");
  await author.context.close();
  await coEditor.context.close();
});

test("the toolbar's pressed states follow the caret", async ({ browser }) => {
  const author = await newDraftPage(browser, "Toolbar state check");
  const { page } = author;
  const paragraph = page.locator(".charter section.clause p").first();
  await paragraph.click();
  await page.keyboard.type("Plain ");
  const bold = page.getByRole("toolbar").getByRole("button", { name: "Bold" });
  await expect(bold).toHaveAttribute("aria-pressed", "false");
  await bold.click();
  await page.keyboard.type("strong");
  await expect(bold).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await expect(bold).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await expect(bold).toHaveAttribute("aria-pressed", "true");
  await author.context.close();
});
