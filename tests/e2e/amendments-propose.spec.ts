// Issue 12, item 2 and the per-article list of item 3, as delegates see them: a member selects a
// passage and proposes a change with reasons and a co-sponsor; another delegation sees it arrive
// live and joins; a viewer is never offered the button; a proposal made offline waits on the
// device (through a reload) and is submitted on reconnect; the dialog and the panel pass axe, in
// English and French.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_DRAFT, DEMO_PASSWORD, selectedEditorText, selectInEditor, signInApi, userPage } from "./helpers";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page, selector: string) {
  const result = await new AxeBuilder({ page }).include(selector).withTags(TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

/** A member of `delegation`, created by the secretariat, signed in in a browser context of her own. */
async function memberOf(browser: Browser, delegation: string, name: string) {
  const admin = await browser.newContext();
  await signInApi(admin.request, "secretariat@demo.test");
  const email = `${delegation.toLowerCase()}-${Date.now()}@demo.test`;
  const created = await admin.request.post("/api/members", { data: { email, name, delegation, role: "member", password: DEMO_PASSWORD } });
  expect(created.status()).toBe(201);
  await admin.close();
  const context = await browser.newContext();
  await signInApi(context.request, email);
  return { context, page: await context.newPage() };
}

async function demoDraftId(page: Page): Promise<string> {
  const drafts = (await (await page.context().request.get("/api/drafts")).json()) as { id: string; title: string }[];
  return drafts.find((d) => d.title === DEMO_DRAFT)!.id;
}

async function openDraft(page: Page, id: string) {
  await page.goto(`/drafts/${id}`);
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}

/** Selects `text` inside the shared text, as a mouse would (amended passages split its text nodes). */
const selectText = (page: Page, text: string) => selectInEditor(page, text);

/** Replaces the proposal editor's one paragraph with `text`, from the keyboard. */
async function rewriteProposal(page: Page, text: string) {
  const paragraph = page.getByTestId("proposal-editor").locator("p").first();
  await paragraph.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.type(text);
}

async function openAmendmentsTab(page: Page, scope: "article" | "all" = "all") {
  await page.getByTestId("amendments-tab").click();
  const panel = page.getByTestId("amendments-panel");
  if (scope === "all") await panel.getByRole("button", { name: /All articles|Tous les articles/ }).click();
  return panel;
}

test("a member proposes a change with reasons and a co-sponsor; another delegation sees it live and joins; a viewer has no button", async ({ browser }) => {
  test.setTimeout(150_000);
  const senegal = await userPage(browser, "member");
  const ghana = await memberOf(browser, "Ghana", "Kwame Mensah");
  const tunisia = await memberOf(browser, "Tunisia", "Leila Trabelsi");
  const viewer = await userPage(browser, "viewer");
  try {
    const id = await demoDraftId(senegal.page);
    await openDraft(senegal.page, id);
    await openDraft(tunisia.page, id);
    const tunisiaPanel = await openAmendmentsTab(tunisia.page);

    // Select a passage of Article 1 and propose to change it.
    await selectText(senegal.page, "human rights and dignity");
    const button = senegal.page.getByRole("button", { name: "Propose amendment" });
    // From the keyboard: the selection stays, focus moves to the button, Enter opens the dialog.
    await button.focus();
    await senegal.page.keyboard.press("Enter");
    const dialog = senegal.page.getByRole("dialog", { name: "Amendment to Article 1" });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator(".proposal-quote")).toHaveText("human rights and dignity");
    await expect(senegal.page.getByTestId("proposal-editor")).toHaveText("human rights and dignity");
    await expect(dialog.getByRole("radio", { name: /MOD/ })).toBeChecked();

    // Without reasons nothing is sent, and the dialog says why.
    await rewriteProposal(senegal.page, "fundamental rights and inherent dignity");
    await dialog.getByRole("button", { name: "Submit" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("State the reasons for the amendment.");
    await expect(dialog.getByRole("textbox", { name: "Reasons" })).toBeFocused();
    await senegal.page.keyboard.type("Align with the Universal Declaration's wording.");
    await dialog.getByRole("checkbox", { name: "Ghana" }).check();
    await dialog.getByRole("radio", { name: /editorial/ }).check();
    expect(await violations(senegal.page, "[data-testid=proposal-dialog]")).toEqual([]);
    await dialog.getByRole("button", { name: "Submit" }).click();
    await expect(dialog).toBeHidden();
    // Focus returns to the button that opened the dialog.
    await expect(button).toBeFocused();

    const panel = senegal.page.getByTestId("amendments-panel");
    const mine = panel.getByTestId("amendment").filter({ hasText: "fundamental rights and inherent dignity" });
    await expect(mine).toContainText("submitted");
    await expect(mine).toContainText("Senegal (Aminata Diallo)");
    await expect(mine).toContainText("co-sponsors: Ghana");
    await expect(mine).toContainText("MOD · change the text · editorial");
    await expect(mine.locator(".proposal-quote")).toHaveText("human rights and dignity");
    const number = await mine.getAttribute("data-number");
    expect(number).toMatch(/^AM-\d{3}$/);
    await expect(panel.getByTestId("amendments-news")).toHaveText(`${number} submitted.`);

    // Tunisia sees it arrive without reloading, and joins.
    const theirs = tunisiaPanel.locator(`[data-testid=amendment][data-number="${number}"]`);
    await expect(theirs).toContainText("Align with the Universal Declaration's wording.");
    await theirs.getByRole("button", { name: "Co-sponsor for Tunisia" }).click();
    await expect(theirs).toContainText("co-sponsors: Ghana, Tunisia");
    await expect(theirs.getByRole("button", { name: "Co-sponsor for Tunisia" })).toHaveCount(0);
    await expect(mine).toContainText("co-sponsors: Ghana, Tunisia");
    // The sponsor's own delegation is never offered to co-sponsor; she may withdraw.
    await expect(mine.getByRole("button", { name: /Co-sponsor/ })).toHaveCount(0);
    await expect(mine.getByRole("button", { name: "Withdraw" })).toBeVisible();
    expect(await violations(tunisia.page, "[data-testid=amendments-panel]")).toEqual([]);

    // Clicking it selects its passage in the text.
    await theirs.getByRole("button", { name: new RegExp(number!) }).click();
    // (What the browser selects, without the label the amendment's widget draws at the passage.)
    await expect.poll(() => selectedEditorText(tunisia.page)).toBe("human rights and dignity");

    // A viewer follows the amendments but is never offered to propose.
    await openDraft(viewer.page, id);
    await expect(viewer.page.getByRole("button", { name: "Propose amendment" })).toHaveCount(0);
    const viewerPanel = await openAmendmentsTab(viewer.page);
    await expect(viewerPanel.locator(`[data-number="${number}"]`)).toBeVisible();
    await expect(viewerPanel.getByRole("button", { name: /Co-sponsor|Withdraw/ })).toHaveCount(0);
  } finally {
    for (const u of [senegal, ghana, tunisia, viewer]) await u.context.close();
  }
});

test("en français : un brouillon privé d’amendement, déposé ensuite depuis le panneau", async ({ browser }) => {
  // A member of her own (the locale is stored per person; the demo accounts stay in English).
  const member = await memberOf(browser, "Niger", "Mariama Issoufou");
  try {
    expect((await member.context.request.post("/api/me/locale", { data: { locale: "fr" } })).ok()).toBeTruthy();
    const id = await demoDraftId(member.page);
    await openDraft(member.page, id);
    await selectText(member.page, "share responsibility");
    await member.page.getByRole("button", { name: "Proposer un amendement" }).click();
    const dialog = member.page.getByRole("dialog", { name: "Amendement à l’article 2" });
    await dialog.getByRole("radio", { name: /SUP/ }).check();
    await expect(member.page.getByTestId("proposal-editor")).toBeHidden();
    await dialog.getByRole("button", { name: "Enregistrer comme brouillon privé" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Indiquez les motifs de l’amendement.");
    await dialog.getByRole("textbox", { name: "Motifs" }).fill("Redondant avec l’article 1.");
    expect(await violations(member.page, "[data-testid=proposal-dialog]")).toEqual([]);
    await dialog.getByRole("button", { name: "Enregistrer comme brouillon privé" }).click();
    await expect(dialog).toBeHidden();

    const panel = member.page.getByTestId("amendments-panel");
    const draft = panel.getByTestId("amendment").filter({ hasText: "Redondant avec l’article 1." });
    await expect(draft).toContainText("Brouillon (privé)");
    await expect(draft).toContainText("SUP · le supprimer");
    await expect(draft).toContainText("brouillon privé");
    expect(await violations(member.page, "[data-testid=amendments-panel]")).toEqual([]);
    await draft.getByRole("button", { name: "Déposer" }).click();
    await expect(draft).toHaveAttribute("data-number", /^AM-\d{3}$/);
    await expect(draft).toContainText("déposé");

    // The whole article, from the article menu; Escape cancels and focus goes back to the menu.
    await member.page.locator(".charter section.clause").nth(1).locator("p").first().click();
    const menu = member.page.getByRole("button", { name: /Actions sur l'article/ });
    await menu.click();
    const item = member.page.getByRole("button", { name: "Proposer un amendement à cet article" });
    await item.focus();
    await member.page.keyboard.press("Enter");
    const whole = member.page.getByRole("dialog", { name: "Amendement à l’article 2" });
    await expect(whole).toContainText("Sur l’article entier.");
    await expect(member.page.getByTestId("proposal-editor")).toContainText("Shared responsibility");
    await member.page.keyboard.press("Escape");
    await expect(whole).toBeHidden();
    await expect(member.page.locator(".charter .ProseMirror")).toBeFocused();
  } finally {
    await member.context.close();
  }
});

test("a proposal made offline waits on the device, through a reload, and is submitted on reconnect", async ({ browser }) => {
  test.setTimeout(150_000);
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  try {
    const id = await demoDraftId(member.page);
    await openDraft(member.page, id);
    // The service worker keeps the page, so it reopens without a network.
    await member.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect
      .poll(() => member.page.evaluate(async (path) => (await caches.match(path, { ignoreSearch: true })) !== undefined, `/drafts/${id}`))
      .toBe(true);

    await member.context.setOffline(true);
    const badge = member.page.getByTestId("connection-status");
    await expect(badge).toHaveAttribute("data-state", "offline");
    // Offline, she adds a sentence to Article 2 and proposes to change part of it.
    const paragraph = member.page.locator(".charter section.clause").nth(1).locator("p").first();
    await paragraph.click();
    await member.page.keyboard.press("End");
    await member.page.keyboard.type(" Joint patrols shall respect the same standards.");
    await selectText(member.page, "Joint patrols");
    await member.page.getByRole("button", { name: "Propose amendment" }).click();
    const dialog = member.page.getByRole("dialog", { name: "Amendment to Article 2" });
    await rewriteProposal(member.page, "Joint operations");
    await dialog.getByRole("textbox", { name: "Reasons" }).fill("Patrols are only one kind of joint operation.");
    await dialog.getByRole("button", { name: "Submit" }).click();
    await expect(dialog).toBeHidden();
    const panel = member.page.getByTestId("amendments-panel");
    await expect(panel.getByTestId("amendments-news")).toHaveText("Queued: the proposal will be sent when you are back online.");
    await expect(panel.getByTestId("queued-proposal")).toHaveAttribute("data-state", "queued");

    // Still offline, the page is reloaded: the proposal is still waiting.
    await member.page.reload();
    await expect(member.page.getByTestId("charter-editor")).toBeVisible();
    await expect(badge).toHaveAttribute("data-state", "offline");
    await openAmendmentsTab(member.page);
    const queued = member.page.getByTestId("queued-proposal");
    await expect(queued).toContainText("Will be sent when you are back online.");
    await expect(queued).toContainText("Joint operations");

    // Back online: the text syncs first, then the proposal goes, anchored on the offline text.
    await member.context.setOffline(false);
    await expect(badge).toHaveAttribute("data-state", "connected");
    await expect(member.page.getByTestId("queued-proposal")).toHaveCount(0);
    const sent = member.page.getByTestId("amendment").filter({ hasText: "Patrols are only one kind of joint operation." });
    await expect(sent).toHaveAttribute("data-number", /^AM-\d{3}$/);
    await expect(member.page.getByTestId("amendments-news")).toHaveText(`${await sent.getAttribute("data-number")} submitted.`);

    // Everyone else sees it, on the text typed offline.
    await openDraft(chair.page, id);
    await expect(chair.page.locator(".charter section.clause").nth(1)).toContainText("Joint patrols shall respect the same standards.");
    const list = (await (await chair.context.request.get(`/api/drafts/${id}/amendments`)).json()) as { rationale: string; quote: string; clauseId: string; status: string }[];
    expect(list.find((a) => a.rationale === "Patrols are only one kind of joint operation.")).toMatchObject({ quote: "Joint patrols", clauseId: "demo-art-2", status: "submitted" });
  } finally {
    await member.context.close();
    await chair.context.close();
  }
});
