// Drafting phases as the committee sees them (issue 12, item 1): the chair opens the amendments
// phase and every open editor follows at once; a member's editor turns read-only with a banner
// that says what to do instead; back to editing restores it. One browser context per person,
// each test on a draft of its own.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { userPage } from "./helpers";

async function newDraft(browser: Browser, title: string) {
  const admin = await userPage(browser, "secretariat");
  const res = await admin.context.request.post("/api/drafts", { data: { title } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await admin.context.close();
  return id;
}

async function openDraft(page: Page, id: string) {
  await page.goto(`/drafts/${id}`);
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}

async function typeInFirstParagraph(page: Page, text: string) {
  await page.locator(".charter section.clause").first().locator("p").first().click();
  await page.keyboard.press("End");
  await page.keyboard.type(text);
}

async function setPhase(page: Page, phase: "editing" | "amendments" | "frozen", apply = "Apply") {
  await page.getByTestId("phase-select").selectOption(phase);
  await page.getByRole("button", { name: apply }).click();
  await expect(page.getByTestId("phase-banner")).toHaveAttribute("data-phase", phase);
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).include("[data-testid=phase-banner]").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}

test("the chair opens the amendments phase: the member's open editor shows the banner and refuses typing; editing again restores it", async ({ browser }) => {
  const id = await newDraft(browser, "Phases live");
  const chair = await userPage(browser, "chair");
  const member = await userPage(browser, "member");
  try {
    await openDraft(chair.page, id);
    await openDraft(member.page, id);
    const banner = member.page.getByTestId("phase-banner");
    const memberText = member.page.locator(".charter .ProseMirror");
    await expect(banner).toContainText("Editing phase: you can edit the text live.");
    await typeInFirstParagraph(member.page, "Agreed wording.");
    await expect(chair.page.locator(".charter")).toContainText("Agreed wording.");

    // Only the chair and the secretariat get the control.
    await expect(member.page.getByTestId("phase-select")).toHaveCount(0);
    await setPhase(chair.page, "amendments");
    await expect(chair.page.getByTestId("phase-banner")).toContainText("you can still edit it");

    // The member's open editor follows at once, without a reload.
    await expect(banner).toHaveAttribute("data-phase", "amendments");
    await expect(banner).toContainText("Amendments phase: the text is read-only for delegations; select text and propose an amendment.");
    await expect(memberText).toHaveAttribute("contenteditable", "false");
    await expect(member.page.getByTestId("connection-status")).toHaveAttribute("data-mode", "ro");
    expect(await seriousViolations(member.page)).toEqual([]);
    await member.page.locator(".charter section.clause").first().locator("p").first().click();
    await member.page.keyboard.type(" Typed in the amendments phase.");
    await expect(memberText).not.toContainText("Typed in the amendments phase.");

    // The chair still edits; the member sees it live.
    await typeInFirstParagraph(chair.page, " Chair's wording.");
    await expect(memberText).toContainText("Agreed wording. Chair's wording.");
    await expect(chair.page.locator(".charter")).not.toContainText("Typed in the amendments phase.");

    // Back to editing: the member types again on the same page.
    await setPhase(chair.page, "editing");
    await expect(banner).toHaveAttribute("data-phase", "editing");
    await expect(memberText).toHaveAttribute("contenteditable", "true");
    await typeInFirstParagraph(member.page, " Member again.");
    await expect(chair.page.locator(".charter")).toContainText("Agreed wording. Chair's wording. Member again.");
  } finally {
    await chair.context.close();
    await member.context.close();
  }
});

test("text a member typed offline before the amendments phase began is refused, and she is told why", async ({ browser }) => {
  const id = await newDraft(browser, "Phases offline");
  const chair = await userPage(browser, "chair");
  const member = await userPage(browser, "member");
  try {
    await openDraft(chair.page, id);
    await openDraft(member.page, id);
    await typeInFirstParagraph(member.page, "Shared text.");
    await expect(chair.page.locator(".charter")).toContainText("Shared text.");
    await member.context.setOffline(true);
    await expect(member.page.getByTestId("connection-status")).toHaveAttribute("data-state", "offline");
    await typeInFirstParagraph(member.page, " Typed offline.");
    await setPhase(chair.page, "amendments");

    await member.context.setOffline(false);
    await expect(member.page.getByTestId("phase-refused")).toContainText("were not saved");
    await expect(member.page.getByTestId("phase-banner")).toHaveAttribute("data-phase", "amendments");
    await expect(member.page.locator(".charter")).not.toContainText("Typed offline.");
    await expect(member.page.locator(".charter .ProseMirror")).toHaveAttribute("contenteditable", "false");
    await expect(chair.page.locator(".charter")).not.toContainText("Typed offline.");
  } finally {
    await chair.context.close();
    await member.context.close();
  }
});

test("in French: the frozen phase, as the chair sets it and a member reads it (axe on the banner)", async ({ browser }) => {
  const id = await newDraft(browser, "Phases en français");
  const chair = await userPage(browser, "chair");
  const member = await userPage(browser, "member");
  for (const person of [chair, member]) expect((await person.context.request.post("/api/me/locale", { data: { locale: "fr" } })).ok()).toBeTruthy();
  try {
    await openDraft(chair.page, id);
    await openDraft(member.page, id);
    await expect(member.page.locator("html")).toHaveAttribute("lang", "fr");
    await setPhase(chair.page, "frozen", "Appliquer");
    const banner = member.page.getByTestId("phase-banner");
    await expect(banner).toContainText("Texte gelé : le texte est fermé : seuls la présidence et le secrétariat le modifient");
    await expect(member.page.locator(".charter .ProseMirror")).toHaveAttribute("contenteditable", "false");
    expect(await seriousViolations(member.page)).toEqual([]);
    expect(await seriousViolations(chair.page)).toEqual([]);
    await setPhase(chair.page, "editing", "Appliquer");
    await expect(member.page.locator(".charter .ProseMirror")).toHaveAttribute("contenteditable", "true");
  } finally {
    for (const person of [chair, member]) await person.context.request.post("/api/me/locale", { data: { locale: "en" } });
    await chair.context.close();
    await member.context.close();
  }
});

test("the chair brackets a passage: everyone sees [ … ] with the note, the text itself is unchanged; removing the bracket clears it", async ({ browser }) => {
  const id = await newDraft(browser, "Brackets");
  const chair = await userPage(browser, "chair");
  const member = await userPage(browser, "member");
  try {
    await openDraft(chair.page, id);
    await openDraft(member.page, id);
    await typeInFirstParagraph(chair.page, "States shall keep this open wording.");
    await expect(member.page.locator(".charter")).toContainText("States shall keep this open wording.");
    // Select "open wording" (the last 12 characters before the full stop).
    await chair.page.keyboard.press("ArrowLeft");
    for (let i = 0; i < "open wording".length; i++) await chair.page.keyboard.press("Shift+ArrowLeft");
    await expect(member.page.getByRole("button", { name: "Bracket selection" })).toHaveCount(0);
    await chair.page.getByRole("button", { name: "Bracket selection" }).click();
    await chair.page.getByLabel("Note (optional)").fill("Second reading");
    await chair.page.getByRole("button", { name: "Place brackets" }).click();

    const passage = member.page.locator(".charter .bracketed");
    await expect(passage).toHaveText("open wording");
    await expect(passage).toHaveAttribute("title", /Second reading/);
    await expect(member.page.locator(".charter .bracket-mark")).toHaveText(["[", "]"]);
    const clauses = await member.context.request.get(`/api/drafts/${id}/clauses`);
    expect(((await clauses.json()) as { text: string }[])[0].text).not.toContain("[");

    await chair.page.getByText("Bracketed passages (1)").click();
    await chair.page.getByRole("button", { name: "Remove brackets" }).click();
    await expect(member.page.locator(".charter .bracket-mark")).toHaveCount(0);
    await expect(member.page.locator(".charter .bracketed")).toHaveCount(0);
  } finally {
    await chair.context.close();
    await member.context.close();
  }
});
