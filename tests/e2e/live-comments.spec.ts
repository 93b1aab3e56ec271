// Comments and notifications live, as their users see them: the header's count follows new
// notifications without a reload, opening one marks it read and shows the comment, and a thread
// whose text is deleted shows as orphaned to everyone connected at once.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { userPage } from "./helpers";

async function openDraft(page: Page, id: string) {
  await page.goto(`/drafts/${id}`);
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}

/** Selects `text` inside the editor, as a mouse would. */
async function selectText(page: Page, text: string) {
  await page.evaluate((needle) => {
    const root = document.querySelector(".charter .ProseMirror")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.textContent!.indexOf(needle);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + needle.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`text not found: ${needle}`);
  }, text);
}

/** The number the bell shows (none when nothing is unread). */
async function shownCount(bell: Locator): Promise<number> {
  return (await bell.locator(".count").count()) ? Number(await bell.locator(".count").textContent()) : 0;
}

test("the header's unread count follows new notifications without a reload; opening one marks it read and shows the comment", async ({ browser }) => {
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  try {
    // The member opens a thread on the demo draft through the API, and then browses the sources.
    const drafts = (await (await member.context.request.get("/api/drafts")).json()) as { id: string; title: string }[];
    const draftId = drafts.find((d) => d.title.includes("working draft"))!.id;
    const created = await member.context.request.post(`/api/drafts/${draftId}/comments`, {
      data: { anchor: { clauseId: "demo-art-1", exact: "" }, body: "Should this article name the agencies?" },
    });
    expect(created.status()).toBe(201);
    const thread = (await created.json()) as { id: string };
    await member.page.goto("/sources");
    const bell = member.page.getByTestId("bell");
    const before = await shownCount(bell);

    // The chair replies: the member's count goes up where she is, without a reload.
    const reply = "Yes: the border police and the asylum office, by name.";
    expect((await chair.context.request.post(`/api/comments/${thread.id}/replies`, { data: { body: reply } })).status()).toBe(201);
    await expect(bell.locator(".count")).toHaveText(String(before + 1));
    await expect(bell).toHaveAttribute("data-unread", String(before + 1));

    // Opening the notification marks it read (the count follows) and shows the reply itself.
    await bell.click();
    const item = member.page.getByTestId("notification").first();
    await expect(item).toContainText("Youssef Alaoui replied in a thread you took part in");
    await expect(item).toHaveAttribute("data-read", "false");
    await item.getByRole("button", { name: "Youssef Alaoui replied in a thread you took part in" }).click();
    await expect(item.getByTestId("notification-detail")).toContainText(reply);
    await expect(item).toHaveAttribute("data-read", "true");
    await expect(bell).toHaveAttribute("data-unread", String(before));
    await member.page.reload();
    await expect(member.page.getByTestId("notification").first()).toHaveAttribute("data-read", "true");
    await expect(member.page.getByTestId("bell")).toHaveAttribute("data-unread", String(before));

    // A notification arriving while the list is open appears in it.
    const listed = await member.page.getByTestId("notification").count();
    await chair.context.request.post(`/api/comments/${thread.id}/replies`, { data: { body: "And the coast guard." } });
    await expect(member.page.getByTestId("notification")).toHaveCount(Math.min(listed + 1, 100));
    await expect(member.page.getByTestId("bell")).toHaveAttribute("data-unread", String(before + 1));
  } finally {
    await member.context.close();
    await chair.context.close();
  }
});

test("a thread whose text is deleted shows as orphaned, with Re-anchor, to everyone connected at once", async ({ browser }) => {
  const admin = await userPage(browser, "secretariat");
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  try {
    const res = await admin.context.request.post("/api/drafts", { data: { title: "Orphaned live" } });
    const { id } = (await res.json()) as { id: string };
    await openDraft(member.page, id);
    await member.page.locator(".charter section.clause").first().locator("p").first().click();
    await member.page.keyboard.type("States shall screen arrivals promptly and fairly.");
    await openDraft(chair.page, id);
    await expect(chair.page.locator(".charter")).toContainText("screen arrivals promptly");

    // The chair comments on "promptly".
    await chair.page.getByRole("tab", { name: /Comments/ }).click();
    await selectText(chair.page, "promptly");
    await chair.page.getByTestId("comments-panel").getByRole("button", { name: "Comment", exact: true }).click();
    await chair.page.getByPlaceholder("Write a comment. @ to mention someone.").fill("Define promptly.");
    await chair.page.getByRole("button", { name: "Post" }).click();
    const chairThread = chair.page.getByTestId("thread").first();
    await expect(chairThread).toContainText("Define promptly.");
    await chair.page.getByLabel("Status").selectOption("all");
    await expect(chairThread).not.toHaveClass(/thread-orphaned/);

    // The member deletes the commented word: the chair sees the thread orphaned at once.
    await selectText(member.page, "promptly");
    await member.page.keyboard.press("Backspace");
    await expect(chair.page.locator(".charter")).toContainText("screen arrivals");
    await expect(chair.page.locator(".charter")).not.toContainText("promptly");
    await expect(chairThread).toHaveClass(/thread-orphaned/);
    await expect(chairThread).toContainText("The commented text was deleted. Its quote is kept here.");
    await expect(chair.page.locator(".charter .comment-highlight")).toHaveCount(0);
    await selectText(chair.page, "fairly");
    await expect(chairThread.getByRole("button", { name: "Re-anchor to the selection" })).toBeVisible();
    await chairThread.getByRole("button", { name: "Re-anchor to the selection" }).click();
    await expect(chairThread).not.toHaveClass(/thread-orphaned/);
    await expect(chair.page.locator(".charter .comment-highlight")).toHaveText("fairly");
  } finally {
    await admin.context.close();
    await member.context.close();
    await chair.context.close();
  }
});
