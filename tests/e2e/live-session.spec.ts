// The live editing session as its users see it: role changes reach the open editor, refused text
// never comes back, the connection badge stays in view and says what typing does, and a draft
// opened once reopens without a network. Each test works on a draft of its own.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInApi, userPage } from "./helpers";

async function newDraft(browser: Browser, title: string) {
  const admin = await userPage(browser, "secretariat");
  const res = await admin.context.request.post("/api/drafts", { data: { title } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return { admin, id };
}

async function openDraft(page: Page, id: string) {
  await page.goto(`/drafts/${id}`);
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}

/** Types at the end of the first paragraph of the draft's first article. */
async function typeInFirstParagraph(page: Page, text: string) {
  await page.locator(".charter section.clause").first().locator("p").first().click();
  await page.keyboard.press("End");
  await page.keyboard.type(text);
}

async function setRole(admin: Page, name: string, role: string) {
  await admin.goto("/admin/members");
  await admin.getByLabel(`Role — ${name}`).selectOption(role);
  await expect(admin.getByRole("status")).toBeVisible();
  await expect(admin.getByLabel(`Role — ${name}`)).toHaveValue(role);
}

const MEMBER = "Aminata Diallo";

test("a member demoted while editing gets a read-only editor with a notice at once, and an editable one when promoted back", async ({ browser }) => {
  const { admin, id } = await newDraft(browser, "Role change while editing");
  const member = await userPage(browser, "member");
  try {
    await openDraft(member.page, id);
    const editor = member.page.locator(".charter .ProseMirror");
    const badge = member.page.getByTestId("connection-status");
    await typeInFirstParagraph(member.page, "Before the demotion.");
    await expect(badge).toHaveText("Connected — changes are saved live");
    await expect(member.page.getByRole("toolbar")).toBeVisible();

    // The secretariat makes her an observer: her open editor follows, without a reload.
    await setRole(admin.page, MEMBER, "observer");
    await expect(member.page.getByTestId("access-notice")).toHaveText("Your role on this draft changed: you can read it but no longer change its text.");
    await expect(editor).toHaveAttribute("contenteditable", "false");
    await expect(member.page.getByRole("toolbar")).toHaveCount(0);
    await expect(badge).toHaveText("Read-only — you see changes live");
    await expect(badge).toHaveAttribute("data-state", "connected");
    await expect(member.page.getByTestId("whoami")).toHaveText(`${MEMBER} · Observer`);
    await member.page.locator(".charter section.clause").first().locator("p").first().click();
    await member.page.keyboard.type("Typed while an observer.");
    await expect(editor).not.toContainText("Typed while an observer.");

    // Back to member: editable again, and her typing reaches the draft.
    await setRole(admin.page, MEMBER, "member");
    await expect(member.page.getByTestId("access-notice")).toHaveText("Your role on this draft changed: you can edit its text again.");
    await expect(editor).toHaveAttribute("contenteditable", "true");
    await expect(member.page.getByRole("toolbar")).toBeVisible();
    await expect(badge).toHaveText("Connected — changes are saved live");
    await typeInFirstParagraph(member.page, " After the promotion.");

    const check = await userPage(browser, "chair");
    await openDraft(check.page, id);
    await expect(check.page.locator(".charter")).toContainText("Before the demotion. After the promotion.");
    await expect(check.page.locator(".charter")).not.toContainText("Typed while an observer.");
    await check.context.close();
  } finally {
    await setRole(admin.page, MEMBER, "member");
    await member.context.close();
    await admin.context.close();
  }
});

test("text a demoted member typed offline is refused by the server, removed from her device and never replayed", async ({ browser }) => {
  const { admin, id } = await newDraft(browser, "Refused offline text");
  const member = await userPage(browser, "member");
  try {
    await openDraft(member.page, id);
    await typeInFirstParagraph(member.page, "Agreed text.");
    const badge = member.page.getByTestId("connection-status");

    // Offline she keeps typing; meanwhile she is made an observer.
    await member.context.setOffline(true);
    await expect(badge).toHaveAttribute("data-state", "offline");
    await typeInFirstParagraph(member.page, " Typed offline after the demotion.");
    await setRole(admin.page, MEMBER, "observer");

    // Back online: the server refuses that text; her copy is reset to the server's.
    await member.context.setOffline(false);
    await expect(member.page.getByTestId("access-notice")).toHaveText(
      "The server did not accept changes from this device (your role does not allow editing). The text now shows the server's version.",
    );
    await expect(member.page.locator(".charter")).toContainText("Agreed text.");
    await expect(member.page.locator(".charter")).not.toContainText("Typed offline after the demotion.");
    await expect(member.page.locator(".charter .ProseMirror")).toHaveAttribute("contenteditable", "false");

    // Promoted back and reloaded: nothing of the refused text comes back from her device.
    await setRole(admin.page, MEMBER, "member");
    await openDraft(member.page, id);
    await expect(member.page.locator(".charter .ProseMirror")).toHaveAttribute("contenteditable", "true");
    await expect(member.page.locator(".charter")).toContainText("Agreed text.");
    await typeInFirstParagraph(member.page, " Later text.");
    const check = await userPage(browser, "chair");
    await openDraft(check.page, id);
    await expect(check.page.locator(".charter")).toContainText("Agreed text. Later text.");
    await expect(check.page.locator(".charter")).not.toContainText("Typed offline after the demotion.");
    await expect(member.page.locator(".charter")).not.toContainText("Typed offline after the demotion.");
    await check.context.close();
  } finally {
    await setRole(admin.page, MEMBER, "member");
    await member.context.close();
    await admin.context.close();
  }
});

test("the connection badge stays in view while scrolling and tells observers they read live, in English and French", async ({ browser }) => {
  const observer = await userPage(browser, "observer");
  const member = await userPage(browser, "member");
  try {
    await member.page.setViewportSize({ width: 1280, height: 720 });
    await observer.page.setViewportSize({ width: 1280, height: 720 });
    await member.page.goto("/drafts");
    await member.page.getByRole("link", { name: /working draft/ }).click();
    await expect(member.page.getByTestId("connection-status")).toHaveText("Connected — changes are saved live");
    await expect(member.page.locator(".charter section.clause").last()).toBeVisible();
    await member.page.locator(".charter").hover();
    await expect
      .poll(async () => {
        await member.page.mouse.wheel(0, 5_000);
        return member.page.evaluate(() => window.scrollY);
      })
      .toBeGreaterThan(500);
    await expect(member.page.getByTestId("connection-status")).toBeInViewport();

    await observer.page.goto("/drafts");
    await observer.page.getByRole("link", { name: /working draft/ }).click();
    const badge = observer.page.getByTestId("connection-status");
    await expect(badge).toHaveText("Read-only — you see changes live");
    await expect(observer.page.locator(".charter section.clause").last()).toBeVisible(); // the page is long now
    await observer.page.locator(".charter").hover();
    await expect
      .poll(async () => {
        await observer.page.mouse.wheel(0, 5_000);
        return observer.page.evaluate(() => window.scrollY);
      })
      .toBeGreaterThan(500);
    await expect(badge).toBeInViewport();

    expect((await observer.context.request.post("/api/me/locale", { data: { locale: "fr" } })).ok()).toBeTruthy();
    await observer.page.reload();
    await expect(badge).toHaveText("Lecture seule — vous voyez les modifications en direct");
  } finally {
    await observer.context.request.post("/api/me/locale", { data: { locale: "en" } });
    await observer.context.close();
    await member.context.close();
  }
});

test("a draft opened once reopens without a network: the text from the device, the badge offline, edits synced on return", async ({ browser }) => {
  const { admin, id } = await newDraft(browser, "Offline reopening");
  const member = await userPage(browser, "member");
  try {
    await openDraft(member.page, id);
    await typeInFirstParagraph(member.page, "Written online.");
    // The service worker is in control and keeps this page.
    await member.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect
      .poll(() => member.page.evaluate(async (path) => (await caches.match(path, { ignoreSearch: true })) !== undefined, `/drafts/${id}`))
      .toBe(true);

    await member.context.setOffline(true);
    await member.page.reload();
    await expect(member.page.getByTestId("charter-editor")).toBeVisible();
    await expect(member.page.locator(".charter")).toContainText("Written online.");
    const badge = member.page.getByTestId("connection-status");
    await expect(badge).toHaveAttribute("data-state", "offline");
    await expect(badge).toHaveText("Offline — changes will sync when the connection returns");
    await typeInFirstParagraph(member.page, " Written on the plane.");

    await member.context.setOffline(false);
    await expect(badge).toHaveAttribute("data-state", "connected");
    const check = await userPage(browser, "chair");
    await openDraft(check.page, id);
    await expect(check.page.locator(".charter")).toContainText("Written online. Written on the plane.");
    await check.context.close();
  } finally {
    await member.context.close();
    await admin.context.close();
  }
});

test("signing out leaves nothing readable on the device: no local copy, no cached page, offline the draft no longer opens", async ({ browser }) => {
  const { admin, id } = await newDraft(browser, "Shared computer");
  const member = await userPage(browser, "member");
  try {
    await openDraft(member.page, id);
    await typeInFirstParagraph(member.page, "Written by the member.");
    await member.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect
      .poll(() => member.page.evaluate(async (path) => (await caches.match(path, { ignoreSearch: true })) !== undefined, `/drafts/${id}`))
      .toBe(true);
    const localCopies = () => member.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.startsWith("charter-draft-")));
    expect(await localCopies()).toHaveLength(1);

    await member.page.getByRole("button", { name: "Sign out" }).click();
    await expect(member.page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await expect(member.page.getByTestId("whoami")).toHaveCount(0);
    expect(await localCopies()).toEqual([]);
    expect(await member.page.evaluate(async (path) => (await caches.match(path, { ignoreSearch: true })) !== undefined, `/drafts/${id}`)).toBe(false);

    // Offline on the same computer, the draft's page is not there any more.
    await member.context.setOffline(true);
    await member.page.goto(`/drafts/${id}`).catch(() => undefined);
    await expect(member.page.getByTestId("charter-editor")).toHaveCount(0);
    await expect(member.page.locator("body")).not.toContainText("Written by the member.");
  } finally {
    await member.context.close();
    await admin.context.close();
  }
});

test("the next person on the same browser never opens, or uploads under their own name, the previous person's unsent copy", async ({ browser }) => {
  const { admin, id } = await newDraft(browser, "Shared browser");
  const shared = await userPage(browser, "member");
  const viewer = await userPage(browser, "viewer");
  try {
    await openDraft(shared.page, id);
    await shared.context.setOffline(true);
    await typeInFirstParagraph(shared.page, " UNSENT-BY-MEMBER");
    await shared.page.close();

    // The member's session ends without signing out (expired, revoked); the chair signs in here.
    await shared.context.setOffline(false);
    await signInApi(shared.context.request, "chair@demo.test");
    const chairPage = await shared.context.newPage();
    await openDraft(chairPage, id);
    await expect(chairPage.locator(".charter")).not.toContainText("UNSENT-BY-MEMBER");
    await typeInFirstParagraph(chairPage, " CHAIR-MARK");

    // What the chair's socket sent on connecting reached the server before the mark did.
    await openDraft(viewer.page, id);
    await expect(viewer.page.locator(".charter")).toContainText("CHAIR-MARK");
    await expect(viewer.page.locator(".charter")).not.toContainText("UNSENT-BY-MEMBER");
  } finally {
    await shared.context.close();
    await viewer.context.close();
    await admin.context.close();
  }
});
