// Amendments in the text (issue 12, items 3, 4 and 6), as two people see them: a delegation
// submits an amendment and the other user sees it drawn inline at once, labelled with its number
// and sponsor; each person chooses inline / as if accepted / clean (remembered across reloads);
// nothing of it enters the shared text; alternatives are bracketed; the amendment under
// consideration is shown to everyone. On a fresh draft, so the demo draft stays as others expect it.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { userPage } from "./helpers";

const SENTENCE = "States shall screen arrivals promptly and fairly at every crossing point.";

async function openDraft(page: Page, id: string) {
  await page.goto(`/drafts/${id}`);
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}

async function setLocale(request: APIRequestContext, locale: "en" | "fr") {
  expect((await request.post("/api/me/locale", { data: { locale } })).ok()).toBeTruthy();
}

/** The article's text as the server has it (the clause index, from the shared document). */
async function articleText(request: APIRequestContext, draftId: string): Promise<string> {
  const clauses = (await (await request.get(`/api/drafts/${draftId}/clauses`)).json()) as { text: string }[];
  return clauses.map((c) => c.text).join("\n");
}

/**
 * A fresh draft whose first article says SENTENCE, typed by `writer` in her editor (left open).
 * Returns the draft and the article's id.
 */
async function draftWithSentence(admin: APIRequestContext, writer: Page, title: string) {
  const res = await admin.post("/api/drafts", { data: { title } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await openDraft(writer, id);
  await writer.locator(".charter section.clause").first().locator("p").first().click();
  await writer.keyboard.type(SENTENCE);
  await expect.poll(() => articleText(admin, id)).toContain(SENTENCE);
  const clauses = (await (await admin.get(`/api/drafts/${id}/clauses`)).json()) as { clauseId: string }[];
  return { draftId: id, clauseId: clauses[0].clauseId };
}

/** POST /api/drafts/:id/amendments with a quote anchor (prefix / exact / suffix), as the API allows. */
async function propose(request: APIRequestContext, draftId: string, clauseId: string, body: { op: string; exact?: string; proposedText?: string }) {
  const at = body.exact ? SENTENCE.indexOf(body.exact) : -1;
  const anchor = body.exact
    ? { clauseId, prefix: SENTENCE.slice(Math.max(0, at - 40), at), exact: body.exact, suffix: SENTENCE.slice(at + body.exact.length, at + body.exact.length + 40) }
    : undefined;
  const res = await request.post(`/api/drafts/${draftId}/amendments`, {
    data: { clauseId, op: body.op, anchor, proposedText: body.proposedText, rationale: "Clearer obligations.", submit: true },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; number: string; group: string | null; status: string };
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

/** Puts the caret just before or after `text` in the editor, as a click there would. */
async function caretAt(page: Page, text: string, where: "before" | "after") {
  await page.locator(".charter .ProseMirror").focus();
  await page.evaluate(
    ([needle, side]) => {
      const root = document.querySelector(".charter .ProseMirror")!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = node.textContent!.indexOf(needle);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(node, side === "before" ? i : i + needle.length);
        range.collapse(true);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        return;
      }
      throw new Error(`text not found: ${needle}`);
    },
    [text, where] as const,
  );
}

function chooseView(page: Page, label: string) {
  return page.getByTestId("amendment-view-toggle").locator("label", { hasText: label }).click();
}

test("a submitted amendment appears inline for the other user at once; views switch per user and never touch the shared text", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await userPage(browser, "secretariat");
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  try {
    const { draftId, clauseId } = await draftWithSentence(admin.context.request, member.page, "Amendment views");
    await openDraft(chair.page, draftId);
    const chairText = chair.page.locator(".charter");
    await expect(chair.page.getByRole("radio", { name: "Inline" })).toBeChecked();

    // Senegal's member proposes to replace "promptly"; the chair sees it inline without a reload.
    const mod = await propose(member.context.request, draftId, clauseId, { op: "MOD", exact: "promptly", proposedText: "without delay" });
    const proposal = chairText.locator(`[data-testid="amendment-proposal"]:has([data-amendment-id="${mod.id}"])`);
    await expect(proposal).toContainText(`${mod.number} · Senegal`);
    await expect(proposal.locator("ins")).toHaveText("without delay");
    await expect(proposal).toContainText("replace with:"); // said to screen readers
    await expect(chairText.locator(".amendment-struck")).toHaveText("promptly");
    await expect(chairText.locator(".amendment-struck")).toHaveCSS("text-decoration-line", "line-through");
    // The member sees her own amendment too.
    await expect(member.page.locator(`.charter [data-amendment-id="${mod.id}"]`)).toContainText(`${mod.number} · Senegal`);

    // A deletion is struck only; a NOC is a marker on the text it keeps.
    const sup = await propose(member.context.request, draftId, clauseId, { op: "SUP", exact: "at every crossing point" });
    await expect(chairText.locator(`[data-amendment-id="${sup.id}"]`)).toContainText("delete");
    await expect(chairText.locator(".amendment-struck")).toHaveText(["promptly", "at every crossing point"]);

    // The member types before the passages (a remote change for the chair): the decorations follow the text.
    await caretAt(member.page, "States shall", "before");
    await member.page.keyboard.type("Today, ");
    await expect(chairText).toContainText("Today,"); // the member's caret label may sit right after it
    await expect(chairText.locator(".amendment-struck")).toHaveText(["promptly", "at every crossing point"]);

    // As if accepted: the replaced text is hidden, the proposal shown and marked as not adopted.
    await chooseView(chair.page, "As if accepted");
    await expect(chair.page.getByRole("radio", { name: "As if accepted" })).toBeChecked();
    await expect(chairText.locator(".amendment-struck")).toHaveCount(0);
    await expect(chairText.locator(".amendment-hidden").first()).toBeHidden();
    await expect(proposal).toContainText("not adopted");
    await expect(proposal.locator("ins")).toHaveText("without delay");
    expect(await seriousViolations(chair.page)).toEqual([]);

    // Clean: the text alone. The member's view is hers: still inline.
    await chooseView(chair.page, "Clean");
    await expect(chairText.locator('[data-testid="amendment-proposal"]')).toHaveCount(0);
    await expect(chairText.locator(".amendment-base")).toHaveCount(0);
    await expect(member.page.locator(".charter .amendment-struck")).toHaveText(["promptly", "at every crossing point"]);

    // Nothing entered the shared document: the server's text is what was typed, and typing goes on.
    await caretAt(chair.page, "crossing point.", "after");
    await chair.page.keyboard.type(" Always.");
    await expect(member.page.locator(".charter")).toContainText("delete. Always."); // her inline view: the proposal sits before the full stop
    await expect.poll(() => articleText(admin.context.request, draftId)).toContain(`Today, ${SENTENCE} Always.`);
    const stored = await articleText(admin.context.request, draftId);
    expect(stored).not.toContain("without delay");
    expect(stored).not.toContain(mod.number);

    // The choice is remembered for this user across a reload.
    await chair.page.reload();
    await expect(chair.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    await expect(chair.page.getByRole("radio", { name: "Clean" })).toBeChecked();
    await expect(chairText).toContainText("Always.");
    await expect(chairText.locator('[data-testid="amendment-proposal"]')).toHaveCount(0);
    await chooseView(chair.page, "Inline");
    await expect(proposal).toContainText(`${mod.number} · Senegal`);
    expect(await seriousViolations(chair.page)).toEqual([]);
  } finally {
    await admin.context.close();
    await member.context.close();
    await chair.context.close();
  }
});

test("alternatives on one passage are grouped by the server and drawn as [option A / option B]", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await userPage(browser, "secretariat");
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  try {
    const { draftId, clauseId } = await draftWithSentence(admin.context.request, member.page, "Amendment alternatives");
    await openDraft(chair.page, draftId);
    const a = await propose(member.context.request, draftId, clauseId, { op: "MOD", exact: "promptly and fairly", proposedText: "within 48 hours" });
    const b = await propose(chair.context.request, draftId, clauseId, { op: "MOD", exact: "promptly", proposedText: "swiftly" });
    const listed = (await (await member.context.request.get(`/api/drafts/${draftId}/amendments`)).json()) as { id: string; group: string | null }[];
    const groupOf = (id: string) => listed.find((x) => x.id === id)!.group;
    const memberText = member.page.locator(".charter");
    await expect(memberText.locator(`[data-amendment-id="${b.id}"]`)).toContainText(`${b.number} · Morocco`);
    // The server groups them (the passages overlap): one bracket, both options with their sponsors, in number order.
    expect(groupOf(a.id)).not.toBeNull();
    expect(groupOf(b.id)).toBe(groupOf(a.id));
    const bracket = memberText.locator('[data-testid="amendment-proposal"]');
    await expect(bracket).toHaveCount(1);
    await expect(bracket).toContainText(`[${a.number} · Senegal`);
    await expect(bracket).toContainText(`${b.number} · Morocco`);
    await expect(bracket.locator(".amendment-bracket")).toHaveText(["[", " / ", "]"]);
  } finally {
    await admin.context.close();
    await member.context.close();
    await chair.context.close();
  }
});

test("the amendment under consideration is shown to everyone at once, in the text and above it", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await userPage(browser, "secretariat");
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  try {
    const { draftId, clauseId } = await draftWithSentence(admin.context.request, member.page, "Amendment under consideration");
    const mod = await propose(member.context.request, draftId, clauseId, { op: "MOD", exact: "promptly", proposedText: "without delay" });
    const memberText = member.page.locator(".charter");
    await expect(memberText.locator(`[data-amendment-id="${mod.id}"]`)).toBeVisible();
    await expect(member.page.getByTestId("amendment-considered")).toBeEmpty();

    // The chair puts it before the committee: the member sees it without a reload.
    const res = await chair.context.request.patch(`/api/amendments/${mod.id}`, { data: { status: "under_consideration" } });
    expect(res.status(), await res.text()).toBe(200);
    await expect(member.page.getByTestId("amendment-considered")).toHaveText(`Being considered ${mod.number} · Senegal`);
    await expect(memberText.locator(".amendment-proposal.amendment-considered .amendment-badge")).toHaveText("Being considered");
    await expect(memberText.locator(".amendment-base.amendment-considered")).toHaveText("promptly");
  } finally {
    await admin.context.close();
    await member.context.close();
    await chair.context.close();
  }
});

test("in French: the control, the labels and what screen readers hear; axe finds nothing serious", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await userPage(browser, "secretariat");
  const member = await userPage(browser, "member");
  const chair = await userPage(browser, "chair");
  try {
    await setLocale(chair.context.request, "fr");
    const { draftId, clauseId } = await draftWithSentence(admin.context.request, member.page, "Vues des amendements");
    const add = await propose(member.context.request, draftId, clauseId, { op: "ADD", exact: "fairly", proposedText: "and with dignity" });
    await openDraft(chair.page, draftId);
    const toggle = chair.page.getByRole("group", { name: "Amendements dans le texte" });
    await expect(toggle.getByRole("radio", { name: "En ligne" })).toBeChecked();
    const proposal = chair.page.locator(`.charter [data-testid="amendment-proposal"]:has([data-amendment-id="${add.id}"])`);
    await expect(proposal).toContainText(`Amendement proposé : ${add.number} · Senegal`);
    await expect(proposal).toContainText("ajouter : and with dignity");
    await expect(chair.page.locator(".charter .amendment-noted")).toHaveText("fairly");
    expect(await seriousViolations(chair.page)).toEqual([]);
    await chooseView(chair.page, "Comme si adoptés");
    await expect(proposal).toContainText("non adopté");
    await chooseView(chair.page, "Texte seul");
    await expect(proposal).toHaveCount(0);
  } finally {
    await setLocale(chair.context.request, "en");
    await admin.context.close();
    await member.context.close();
    await chair.context.close();
  }
});
