// The chair's session view (issue 12, item 6): the chair (or secretariat) steps through the open
// amendments in article order with the keyboard, takes each up ("under consideration", so everyone
// sees it), and decides with one key; everyone else sees the agenda and what is being considered,
// live. Each test asserts the request the page sent and then what everyone sees once it is decided:
// decided amendments leave the agenda, accepted ones change the text, an outdated one cannot be
// accepted and the chair is told why.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page, type Request, type Response } from "@playwright/test";
import { demoUser, draftWith, editorAnchor, propose, setLocale, THREE_ARTICLES, type Proposed, type User } from "./amendment-fixtures";

const current = (page: Page) => page.getByTestId("session-current");
const agenda = (page: Page) => page.getByTestId("agenda-item");

/** Four open amendments (and a withdrawn one) whose article order differs from their numbers. */
async function sessionScene(browser: Browser, { editorAnchors = false } = {}) {
  const secretariat = await demoUser(browser, "secretariat");
  const member = await demoUser(browser, "member");
  const chair = await demoUser(browser, "chair");
  const viewer = await demoUser(browser, "viewer");
  const draftId = await draftWith(secretariat.api, `Session ${Date.now()}`, THREE_ARTICLES);
  // With `editorAnchors`, Article 3's passage is anchored as the editor anchors a selection (it follows edits inside it).
  const anchor = editorAnchors ? await editorAnchor(member.api, draftId, "art-3", "exchange platforms") : undefined;
  const onArt3 = await propose(member.api, draftId, { clauseId: "art-3", op: "MOD", exact: "exchange platforms", anchor, proposedText: "regional exchange platforms", rationale: "Regional scope." });
  const art2Later = await propose(member.api, draftId, { clauseId: "art-2", op: "MOD", exact: "Agencies shall cooperate in good faith.", proposedText: "Agencies shall cooperate closely.", rationale: "Stronger." });
  const art2First = await propose(member.api, draftId, { clauseId: "art-2", op: "MOD", exact: "Partner countries share responsibility.", proposedText: "All partner countries share responsibility.", rationale: "All of them." });
  const onArt1 = await propose(member.api, draftId, { clauseId: "art-1", op: "SUP", exact: "Border management", rationale: "Redundant." });
  const withdrawn = await propose(member.api, draftId, { clauseId: "art-1", op: "NOC", rationale: "Keep." });
  expect((await member.api.patch(`/api/amendments/${withdrawn.id}`, { data: { status: "withdrawn" } })).status()).toBe(200);
  const close = async () => {
    for (const u of [secretariat, member, chair, viewer] as User[]) await u.context.close();
  };
  // Article order, then place in the article.
  return { draftId, secretariat, member, chair, viewer, order: [onArt1, art2First, art2Later, onArt3] as Proposed[], close };
}

/** The next PATCH of one amendment to `status`, and the answer it got. */
async function patchOf(page: Page, amendment: Proposed, status: string, act: () => Promise<void>): Promise<{ request: Request; response: Response }> {
  const sent = page.waitForRequest(
    (r) => r.method() === "PATCH" && r.url().endsWith(`/api/amendments/${amendment.id}`) && (r.postDataJSON() as { status?: string } | null)?.status === status,
  );
  await act();
  const request = await sent;
  return { request, response: (await request.response())! };
}

/** The answer to a decision: 200, with the status the page asked for. */
async function decided(response: Response, status: string) {
  expect(response.status(), await response.text()).toBe(200);
  expect(((await response.json()) as { status: string }).status).toBe(status);
}

/** The chair picks an amendment from the agenda: it is the one in view, taken up. */
async function pick(page: Page, amendment: Proposed) {
  await agenda(page).filter({ hasText: amendment.number! }).getByRole("button").click();
  await expect(current(page)).toHaveAttribute("data-number", amendment.number!);
  await expect(current(page).locator(".amendment-status")).toHaveText("Under consideration");
}

/** The text of an article as the server has it. */
async function articleText(user: User, draftId: string, clauseId: string): Promise<string> {
  const clauses = (await (await user.api.get(`/api/drafts/${draftId}/clauses`)).json()) as { clauseId: string; text: string }[];
  return clauses.find((c) => c.clauseId === clauseId)?.text ?? "";
}

/** Focus leaves every field, so the next key is a shortcut. */

const leaveFields = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test("the chair steps through open amendments in article order with the keyboard; the viewer's agenda and 'now considering' follow live", async ({ browser }) => {
  const s = await sessionScene(browser);
  const [first, second, third, fourth] = s.order;
  try {
    // The viewer follows along, read-only.
    await s.viewer.page.goto(`/drafts/${s.draftId}/session`);
    await expect(s.viewer.page.getByRole("heading", { name: "Now considering" })).toBeVisible();
    await expect(agenda(s.viewer.page)).toHaveCount(4);
    await expect(s.viewer.page.getByRole("button", { name: "Accept" })).toHaveCount(0);

    const page = s.chair.page;
    await page.goto(`/drafts/${s.draftId}`);
    await page.getByRole("link", { name: "Session", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/drafts/${s.draftId}/session`));
    await expect(current(page)).toHaveAttribute("data-number", first.number!);
    await expect(page.getByTestId("session-position")).toHaveText("1 / 4");
    expect(await agenda(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-number")))).toEqual(s.order.map((a) => a.number));
    await expect(current(page).getByTestId("pane-base")).toContainText("Border management");
    await expect(current(page).getByTestId("pane-proposed")).toContainText("(deleted)");

    // The shortcuts are on screen.
    const shortcuts = page.getByTestId("shortcuts");
    for (const key of ["J", "K", "A", "M", "N", "D"]) await expect(shortcuts.locator("kbd", { hasText: new RegExp(`^${key}$`) })).toHaveCount(1);

    // J steps to the next one and takes it up.
    const step = await patchOf(page, second, "under_consideration", () => page.keyboard.press("j"));
    expect(step.request.postDataJSON()).toEqual({ status: "under_consideration" });
    await expect(current(page)).toHaveAttribute("data-number", second.number!);
    await expect(page.getByTestId("session-position")).toHaveText("2 / 4");
    await expect(current(page).getByTestId("pane-base")).toContainText("Partner countries share responsibility.");
    await expect(current(page).getByTestId("pane-proposed")).toContainText("All partner countries share responsibility.");
    await decided(step.response, "under_consideration");
    await expect(s.viewer.page.getByTestId("now-considering")).toContainText(second.number!);
    await expect(s.viewer.page.getByTestId("considered-amendment")).toHaveCount(1);
    await expect(agenda(s.viewer.page).filter({ hasText: second.number! })).toContainText("Under consideration");

    await page.keyboard.press("j");
    await expect(current(page)).toHaveAttribute("data-number", third.number!);
    // One at a time: the viewer follows to the next one.
    await expect(s.viewer.page.getByTestId("considered-amendment")).toHaveAttribute("data-number", third.number!);
    await page.keyboard.press("j");
    await expect(current(page)).toHaveAttribute("data-number", fourth.number!);
    await page.keyboard.press("j"); // the last one: stays
    await expect(current(page)).toHaveAttribute("data-number", fourth.number!);
    await page.keyboard.press("k");
    await page.keyboard.press("k");
    await expect(current(page)).toHaveAttribute("data-number", second.number!);

    // Typing in a field never fires a shortcut.
    const observation = page.getByLabel("Observation");
    await observation.click();
    await page.keyboard.type("jkand");
    await expect(observation).toHaveValue("jkand");
    await expect(current(page)).toHaveAttribute("data-number", second.number!);

    // A new amendment reaches both screens without a reload.
    const late = await propose(s.member.api, s.draftId, { clauseId: "art-3", op: "MOD", exact: "platforms", proposedText: "platforms open to civil society", rationale: "Inclusion." });
    await expect(agenda(s.viewer.page)).toHaveCount(5);
    await expect(agenda(page)).toHaveCount(5);
    await expect(agenda(page).last()).toHaveAttribute("data-number", late.number!);
    await expect(current(page)).toHaveAttribute("data-number", second.number!);
  } finally {
    await s.close();
  }
});

test("one-key decisions send the decision with the observation and the session's reading; accept as modified opens the text", async ({ browser }) => {
  const s = await sessionScene(browser);
  const [onArt1, art2First, art2Later, onArt3] = s.order;
  try {
    const page = s.chair.page;
    await page.goto(`/drafts/${s.draftId}/session`);
    await expect(current(page)).toHaveAttribute("data-number", onArt1.number!);
    const reading = "First reading, 12 March";
    await page.getByLabel("Reading").fill(reading);

    // A: accept, with the observation.
    await page.getByLabel("Observation").fill("Agreed by consensus.");
    await leaveFields(page);
    const accept = await patchOf(page, onArt1, "accepted", () => page.keyboard.press("a"));
    expect(accept.request.postDataJSON()).toEqual({ status: "accepted", observation: "Agreed by consensus.", reading });
    await decided(accept.response, "accepted");
    await expect(agenda(page).filter({ hasText: onArt1.number! })).toHaveCount(0);
    await expect(page.getByTestId("session-info")).toHaveText(`${onArt1.number}: Accepted.`);
    await expect.poll(() => articleText(s.chair, s.draftId, "art-1")).not.toContain("Border management");

    // N: not accepted (picked from the agenda, which takes it up first).
    await pick(page, art2First);
    await page.getByLabel("Observation").fill("No support.");
    await leaveFields(page);
    const decline = await patchOf(page, art2First, "not_accepted", () => page.keyboard.press("n"));
    expect(decline.request.postDataJSON()).toEqual({ status: "not_accepted", observation: "No support.", reading });
    await decided(decline.response, "not_accepted");
    await expect(agenda(page).filter({ hasText: art2First.number! })).toHaveCount(0);
    expect(await articleText(s.chair, s.draftId, "art-2")).toContain("Partner countries share responsibility.");

    // D: deferred, without an observation (none is sent).
    await pick(page, art2Later);
    await expect(page.getByLabel("Observation")).toHaveValue("");
    const defer = await patchOf(page, art2Later, "deferred", () => page.keyboard.press("d"));
    expect(defer.request.postDataJSON()).toEqual({ status: "deferred", reading });
    await decided(defer.response, "deferred");
    // A deferred amendment stays on the agenda, for later.
    await expect(agenda(page).filter({ hasText: art2Later.number! })).toContainText("Deferred");

    // M: the text as agreed, editable, sent with the decision.
    await pick(page, onArt3);
    await leaveFields(page);
    await page.keyboard.press("m");
    const agreed = page.getByLabel("Text as agreed");
    await expect(agreed).toHaveValue("regional exchange platforms");
    await expect(agreed).toBeFocused();
    await agreed.fill("regional and national exchange platforms");
    const modified = await patchOf(page, onArt3, "accepted_modified", () => page.getByRole("button", { name: "Confirm acceptance as modified" }).click());
    expect(modified.request.postDataJSON()).toEqual({ status: "accepted_modified", modifiedText: "regional and national exchange platforms", reading });
    await decided(modified.response, "accepted_modified");
    await expect(agenda(page).filter({ hasText: onArt3.number! })).toHaveCount(0);
    // The text as agreed, not as proposed, is in the article; both are kept on the amendment.
    await expect.poll(() => articleText(s.chair, s.draftId, "art-3")).toContain("The signatories shall support regional and national exchange platforms.");
    const kept = (await (await s.chair.api.get(`/api/amendments/${onArt3.id}`)).json()) as { status: string; proposedText: string };
    expect(kept).toMatchObject({ status: "accepted_modified", proposedText: "regional exchange platforms" });

    // The reading is remembered for the session.
    await page.reload();
    await expect(page.getByLabel("Reading")).toHaveValue(reading);

    // The buttons send the same as the keys.
    await pick(page, art2Later);
    const byButton = await patchOf(page, art2Later, "not_accepted", () => page.getByRole("button", { name: "Not accepted" }).click());
    expect(byButton.request.postDataJSON()).toEqual({ status: "not_accepted", reading });
    await decided(byButton.response, "not_accepted");
    await expect(agenda(page)).toHaveCount(0);
  } finally {
    await s.close();
  }
});

test("the chair composes a compromise text that supersedes the selected amendments of the passage", async ({ browser }) => {
  const s = await sessionScene(browser);
  const [, art2First, art2Later] = s.order;
  try {
    const page = s.chair.page;
    await page.goto(`/drafts/${s.draftId}/session`);
    await pick(page, art2First);
    await page.getByRole("button", { name: "Compromise text" }).click();
    const form = page.getByTestId("compromise");
    // The amendment in view is selected; the other one on the same article can be added.
    await expect(form.getByLabel(new RegExp(art2First.number!))).toBeChecked();
    await expect(form.getByLabel(new RegExp(art2Later.number!))).not.toBeChecked();
    await expect(form.getByRole("checkbox")).toHaveCount(2);
    await form.getByLabel(new RegExp(art2Later.number!)).check();
    await form.getByLabel("Compromise text").fill("Partner countries share responsibility and cooperate closely.");
    const posted = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith(`/api/drafts/${s.draftId}/amendments`));
    await form.getByRole("button", { name: "Submit the compromise" }).click();
    const request = await posted;
    const body = request.postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({ clauseId: "art-2", op: "MOD", submit: true, proposedText: "Partner countries share responsibility and cooperate closely." });
    expect((body.rationale as string).length).toBeGreaterThan(0);
    expect([...(body.supersedes as string[])].sort()).toEqual([art2First.id, art2Later.id].sort());
    const created = (await (await request.response())!.json()) as Proposed & { sponsor: { delegation: string }; supersedes: string[] };
    expect(created.number).toBe("AM-006");
    expect([...created.supersedes].sort()).toEqual([art2First.id, art2Later.id].sort());
    // The compromise joins the agenda and is the one in view.
    await expect(agenda(page).filter({ hasText: "AM-006" })).toHaveCount(1);
    await expect(current(page)).toHaveAttribute("data-number", "AM-006");
    await expect(current(page)).toContainText("Morocco");

    // Accepting it puts it in the text and closes the amendments it supersedes.
    await leaveFields(page);
    const accept = await patchOf(page, created, "accepted", () => page.keyboard.press("a"));
    await decided(accept.response, "accepted");
    for (const closed of [art2First, art2Later, created]) await expect(agenda(page).filter({ hasText: closed.number! })).toHaveCount(0);
    for (const closed of [art2First, art2Later]) {
      const after = (await (await s.chair.api.get(`/api/amendments/${closed.id}`)).json()) as { status: string; decision: { observation: string | null } | null };
      expect(after.status).toBe("superseded");
      expect(after.decision?.observation).toBe("Superseded by AM-006");
    }
    await expect.poll(() => articleText(s.chair, s.draftId, "art-2")).toBe("Partner countries share responsibility and cooperate closely. Agencies shall cooperate in good faith.");
  } finally {
    await s.close();
  }
});

/** Puts the caret just after `text` in the page's editor, as a click there would. */
async function caretAfter(page: Page, text: string) {
  await page.locator(".charter .ProseMirror").first().focus();
  await page.evaluate((needle) => {
    const root = document.querySelector(".charter .ProseMirror")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest("[data-testid=amendment-proposal]")) continue;
      const i = node.textContent!.indexOf(needle);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i + needle.length);
      range.collapse(true);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`text not found: ${needle}`);
  }, text);
}

test("an amendment whose passage was edited since it was submitted shows the current text and cannot be accepted; A says why", async ({ browser }) => {
  const s = await sessionScene(browser, { editorAnchors: true });
  const [, , , onArt3] = s.order;
  try {
    // The secretariat edits inside the passage "exchange platforms" in her open editor.
    await s.secretariat.page.goto(`/drafts/${s.draftId}`);
    await expect(s.secretariat.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    await caretAfter(s.secretariat.page, "exchange"); // inside the struck passage: decorations split the text nodes
    await s.secretariat.page.keyboard.type(" and training");
    await expect.poll(() => articleText(s.chair, s.draftId, "art-3")).toBe("The signatories shall support exchange and training platforms.");

    const page = s.chair.page;
    await page.goto(`/drafts/${s.draftId}/session`);
    await pick(page, onArt3);
    // Base, proposed and current side by side, and the reason on screen.
    await expect(current(page).getByTestId("pane-base")).toContainText("exchange platforms");
    await expect(current(page).getByTestId("pane-proposed")).toContainText("regional exchange platforms");
    await expect(current(page).getByTestId("pane-current")).toContainText("exchange and training platforms");
    await expect(current(page)).toContainText("The text changed since this amendment was submitted");
    await expect(page.getByRole("button", { name: "Accept", exact: true })).toBeDisabled();

    // A sends nothing and says why.
    let sent = false;
    page.on("request", (r) => {
      if (r.method() === "PATCH" && r.url().endsWith(`/api/amendments/${onArt3.id}`) && (r.postDataJSON() as { status?: string }).status === "accepted") sent = true;
    });
    await leaveFields(page);
    await page.keyboard.press("a");
    await expect(page.getByTestId("session-error")).toHaveText("The text changed since this amendment was submitted: it was not accepted and nothing changed. Compare the three texts.");
    expect(sent).toBe(false);
    await expect(agenda(page).filter({ hasText: onArt3.number! })).toContainText("Under consideration");
    expect(await articleText(s.chair, s.draftId, "art-3")).toBe("The signatories shall support exchange and training platforms.");

    // Deferring it (as the notice offers) works; the text stays as edited.
    const defer = await patchOf(page, onArt3, "deferred", () => page.keyboard.press("d"));
    await decided(defer.response, "deferred");
    await expect(agenda(page).filter({ hasText: onArt3.number! })).toContainText("Deferred");
    expect(await articleText(s.chair, s.draftId, "art-3")).toBe("The signatories shall support exchange and training platforms.");

    // Taken up again, it gives way to a compromise placed on the passage as it reads now.
    await pick(page, onArt3);
    await page.getByRole("button", { name: "Compromise text" }).click();
    const form = page.getByTestId("compromise");
    await form.getByLabel("Compromise text").fill("regional exchange and training platforms");
    const posted = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith(`/api/drafts/${s.draftId}/amendments`));
    await form.getByRole("button", { name: "Submit the compromise" }).click();
    const response = (await (await posted).response())!;
    expect(response.status()).toBe(201);
    const created = (await response.json()) as Proposed & { quote: string };
    expect(created.quote).toBe("exchange and training platforms");
    await expect(current(page)).toHaveAttribute("data-number", created.number!);
    await leaveFields(page);
    const accept = await patchOf(page, created, "accepted", () => page.keyboard.press("a"));
    await decided(accept.response, "accepted");
    await expect.poll(() => articleText(s.chair, s.draftId, "art-3")).toBe("The signatories shall support regional exchange and training platforms.");
    expect(((await (await s.chair.api.get(`/api/amendments/${onArt3.id}`)).json()) as { status: string }).status).toBe("superseded");
  } finally {
    await s.close();
  }
});

test("the session view in French: errors read in French, shortcuts listed, axe clean for the chair and the viewer", async ({ browser }) => {
  const s = await sessionScene(browser);
  const [, second] = s.order;
  await setLocale(s.chair.api, "fr");
  await setLocale(s.viewer.api, "fr");
  try {
    const page = s.chair.page;
    await page.goto(`/drafts/${s.draftId}/session`);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { name: "Séance" })).toBeVisible();
    await expect(page.getByTestId("shortcuts")).toContainText("Raccourcis clavier");
    await expect(page.getByRole("button", { name: "Accepter", exact: true })).toBeVisible();
    const step = await patchOf(page, second, "under_consideration", () => page.keyboard.press("j"));
    await decided(step.response, "under_consideration");
    await expect(page.getByTestId("session-info")).toHaveText(`${second.number} est en cours d’examen.`);
    const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    const serious = async (p: Page) =>
      (await new AxeBuilder({ page: p }).withTags(tags).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    expect(await serious(page)).toEqual([]);

    await s.viewer.page.goto(`/drafts/${s.draftId}/session`);
    await expect(s.viewer.page.getByRole("heading", { name: "En cours d’examen" })).toBeVisible();
    await expect(agenda(s.viewer.page)).toHaveCount(4);
    expect(await serious(s.viewer.page)).toEqual([]);
  } finally {
    await setLocale(s.chair.api, "en");
    await setLocale(s.viewer.api, "en");
    await s.close();
  }
});
