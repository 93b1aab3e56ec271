// The chair's session view (issue 12, item 6): the chair (or secretariat) steps through the open
// amendments in article order with the keyboard, takes each up ("under consideration", so everyone
// sees it), and decides with one key; everyone else sees the agenda and what is being considered,
// live. Deciding is built on the decide branch: until it is merged the server answers every
// disposition state with 400 "not available yet", and each test asserts the request the page sent
// and then what the page shows for the answer it actually got (see `shownAnswer`).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page, type Request, type Response } from "@playwright/test";
import { demoUser, draftWith, propose, setLocale, THREE_ARTICLES, type Proposed, type User } from "./amendment-fixtures";

const current = (page: Page) => page.getByTestId("session-current");
const agenda = (page: Page) => page.getByTestId("agenda-item");

/** Four open amendments (and a withdrawn one) whose article order differs from their numbers. */
async function sessionScene(browser: Browser) {
  const secretariat = await demoUser(browser, "secretariat");
  const member = await demoUser(browser, "member");
  const chair = await demoUser(browser, "chair");
  const viewer = await demoUser(browser, "viewer");
  const draftId = await draftWith(secretariat.api, `Session ${Date.now()}`, THREE_ARTICLES);
  const onArt3 = await propose(member.api, draftId, { clauseId: "art-3", op: "MOD", exact: "exchange platforms", proposedText: "regional exchange platforms", rationale: "Regional scope." });
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

/**
 * What the page shows for a decision's answer. Until the decide branch is merged the server
 * refuses disposition states (400, code invalid) and the page must show that readably; once it
 * is merged the answer is 200 and `whenDecided` checks the outcome.
 */
async function shownAnswer(page: Page, response: Response, unavailableText: string, whenDecided: () => Promise<void>) {
  if (response.status() === 400) {
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid");
    await expect(page.getByTestId("session-error")).toContainText(unavailableText);
  } else {
    expect(response.status()).toBe(200);
    await whenDecided();
  }
}
const UNAVAILABLE_EN = "not available yet";

/** Focus leaves every field, so the next key is a shortcut. */
/** The chair picks an amendment from the agenda: it is the one in view. */
async function pick(page: Page, amendment: Proposed) {
  await agenda(page).filter({ hasText: amendment.number! }).getByRole("button").click();
  await expect(current(page)).toHaveAttribute("data-number", amendment.number!);
}

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
    await shownAnswer(page, step.response, UNAVAILABLE_EN, async () => {
      await expect(s.viewer.page.getByTestId("now-considering")).toContainText(second.number!);
    });

    await page.keyboard.press("j");
    await expect(current(page)).toHaveAttribute("data-number", third.number!);
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
    await shownAnswer(page, accept.response, UNAVAILABLE_EN, async () => {
      await expect(agenda(page).filter({ hasText: onArt1.number! })).toHaveCount(0);
    });

    // N: not accepted (picked from the agenda, which takes it up first).
    await pick(page, art2First);
    await page.getByLabel("Observation").fill("No support.");
    await leaveFields(page);
    const decline = await patchOf(page, art2First, "not_accepted", () => page.keyboard.press("n"));
    expect(decline.request.postDataJSON()).toEqual({ status: "not_accepted", observation: "No support.", reading });

    // D: deferred, without an observation (none is sent).
    await pick(page, art2Later);
    await expect(page.getByLabel("Observation")).toHaveValue("");
    const defer = await patchOf(page, art2Later, "deferred", () => page.keyboard.press("d"));
    expect(defer.request.postDataJSON()).toEqual({ status: "deferred", reading });

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
    await shownAnswer(page, modified.response, UNAVAILABLE_EN, async () => {
      await expect(agenda(page).filter({ hasText: onArt3.number! })).toHaveCount(0);
    });

    // The reading is remembered for the session.
    await page.reload();
    await expect(page.getByLabel("Reading")).toHaveValue(reading);

    // The buttons send the same as the keys.
    await pick(page, art2Later);
    const byButton = await patchOf(page, art2Later, "not_accepted", () => page.getByRole("button", { name: "Not accepted" }).click());
    expect(byButton.request.postDataJSON()).toEqual({ status: "not_accepted", reading });
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
    const created = (await (await request.response())!.json()) as Proposed & { sponsor: { delegation: string } };
    expect(created.number).toBe("AM-006");
    // The compromise joins the agenda and is the one in view.
    await expect(agenda(page).filter({ hasText: "AM-006" })).toHaveCount(1);
    await expect(current(page)).toHaveAttribute("data-number", "AM-006");
    await expect(current(page)).toContainText("Morocco");
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
    await shownAnswer(page, step.response, "Certaines données ne sont pas valides.", async () => {});
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
