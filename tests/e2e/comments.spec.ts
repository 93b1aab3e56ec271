import { expect, test, type Page } from "@playwright/test";
import { openDemoDraft, selectInEditor, userPage } from "./helpers";

/** Selects `text` inside the article with this clause id, as a mouse would (the demo's amendments split its text nodes). */
const selectText = (page: Page, clauseId: string, text: string) => selectInEditor(page, text, `.charter section.clause[data-clause-id="${clauseId}"]`);

const SENTENCE = "National agencies shall establish a common procedural framework";

test("an observer comments on a sentence; the chair sees it live, replies and resolves; the observer is notified", async ({ browser }) => {
  const observer = await userPage(browser, "observer");
  const chair = await userPage(browser, "chair");
  await openDemoDraft(observer.page);
  await openDemoDraft(chair.page);

  // observers cannot change the text, but can comment
  await expect(observer.page.locator(".charter .ProseMirror")).toHaveAttribute("contenteditable", "false");
  await observer.page.getByRole("tab", { name: /Comments/ }).click();
  await selectText(observer.page, "demo-art-3", SENTENCE);
  await observer.page.getByTestId("comments-panel").getByRole("button", { name: "Comment", exact: true }).click();
  await observer.page.getByPlaceholder("Write a comment. @ to mention someone.").fill("This contradicts the non-refoulement principle <script>alert(1)</script>");
  await observer.page.getByRole("button", { name: "Post" }).click();
  const observerThread = observer.page.getByTestId("thread").first();
  await expect(observerThread).toContainText("This contradicts the non-refoulement principle <script>alert(1)</script>");

  // the chair sees the highlight live and opens the thread from it
  const highlight = chair.page.locator(".charter .comment-highlight").first();
  await expect(highlight).toContainText("National agencies");
  await highlight.click();
  const chairThread = chair.page.locator("[data-testid=thread].active");
  await expect(chairThread).toContainText("This contradicts the non-refoulement principle");
  await chairThread.getByPlaceholder("Reply…").fill("Noted — we will amend the wording.");
  await chairThread.getByRole("button", { name: "Reply" }).click();
  await expect(observerThread).toContainText("Noted — we will amend the wording.");

  // the observer is notified
  await observer.page.goto("/notifications");
  await expect(observer.page.getByTestId("notifications").locator("li").first()).toContainText("Youssef Alaoui replied in a thread you took part in");

  // the chair resolves: it moves to Resolved for both
  await chairThread.getByRole("button", { name: "Resolve" }).click();
  await expect(chair.page.locator(".charter .comment-highlight")).toHaveCount(0);
  await chair.page.getByLabel("Status").selectOption("resolved");
  await expect(chair.page.getByTestId("thread").first()).toContainText("Resolved by Youssef Alaoui");
  await openDemoDraft(observer.page);
  await observer.page.getByRole("tab", { name: /Comments/ }).click();
  await observer.page.getByLabel("Status").selectOption("resolved");
  await expect(observer.page.getByTestId("thread").first()).toContainText("This contradicts the non-refoulement principle");
  await observer.context.close();
  await chair.context.close();
});

test("a viewer can read comments but neither comment nor edit", async ({ browser }) => {
  const viewer = await userPage(browser, "viewer");
  await openDemoDraft(viewer.page);
  await viewer.page.getByRole("tab", { name: /Comments/ }).click();
  await expect(viewer.page.getByTestId("comments-panel")).toBeVisible();
  await expect(viewer.page.getByTestId("comments-panel").getByRole("button", { name: "Comment", exact: true })).toHaveCount(0);
  await expect(viewer.page.getByPlaceholder("Reply…")).toHaveCount(0);
  const res = await viewer.page.request.post(viewer.page.url().replace(/\/drafts\/([^/?]+).*/, "/api/drafts/$1/comments"), {
    data: { anchor: { clauseId: "demo-art-1" }, body: "sneaky" },
  });
  expect(res.status()).toBe(403);
  await viewer.context.close();
});
