// Issue 13's "Done when" journey, on the demo Charter: Kwame Mensah (Ghana; interface in English,
// English text only) edits Article 3 in English while Camille Laurent (France; interface switched
// to French, side-by-side view) sees the article's French text flagged out of date, updates the
// French text in the French editor and confirms the article; both then see it aligned, and the
// API names her as the one who confirmed. One browser context per person. Other specs edit the
// demo draft too, so Article 3's state is read first, never assumed.
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { DEMO_DRAFT, signInApi } from "./helpers";

interface Entry {
  clauseId: string;
  number: number;
  status: string;
  en: { text: string };
  fr: { text: string };
  confirmedBy: { name: string; delegation: string } | null;
}

async function alignmentOf(api: APIRequestContext, draftId: string, number: number): Promise<Entry> {
  const res = await api.get(`/api/drafts/${draftId}/alignment`);
  expect(res.ok()).toBeTruthy();
  const entry = ((await res.json()) as Entry[]).find((e) => e.number === number);
  expect(entry, `the demo draft has an Article ${number}`).toBeTruthy();
  return entry!;
}

/** An editor's text as the document holds it (other people's caret labels are decorations). */
function textOf(editor: Locator): Promise<string> {
  return editor.evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collab-caret, .ProseMirror-widget").forEach((drawn) => drawn.remove());
    return copy.textContent ?? "";
  });
}

/** Article `number`'s flag in the outline (the outline names articles alike in both interfaces). */
function outlineFlag(page: Page, number: number): Locator {
  return page.getByTestId("outline").locator("li", { has: page.getByRole("button", { name: new RegExp(`^Article ${number} —`) }) }).getByTestId("alignment-flag");
}

/** Puts the caret at the end of the article's first paragraph, as a click there would, and types. */
async function typeAtEndOfFirstParagraph(page: Page, article: Locator, text: string) {
  const paragraph = article.locator("p").first();
  await paragraph.evaluate((p) => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // The text itself, not a citation's key ([MKH23-…]) nor what widgets draw.
      if (!node.parentElement?.closest(".ProseMirror-widget, cite, .collab-caret")) last = node as Text;
    }
    if (!last) throw new Error("the paragraph has no text");
    (p.closest(".ProseMirror") as HTMLElement).focus();
    const range = document.createRange();
    range.setStart(last, last.data.length);
    range.collapse(true);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
  await page.keyboard.type(text);
}

test("an English edit to Article 3 flags its French text for a French-speaking member side by side, who updates and confirms it; both see it aligned", async ({ browser }) => {
  test.setTimeout(180_000);
  const english = await browser.newContext({ locale: "en-GB" });
  const french = await browser.newContext({ locale: "fr-FR" });
  await signInApi(english.request, "ghana@demo.test");
  await signInApi(french.request, "france@demo.test");
  try {
    const drafts = (await (await english.request.get("/api/drafts")).json()) as { id: string; title: string }[];
    const draftId = drafts.find((d) => d.title === DEMO_DRAFT)!.id;

    // Article 3 as other specs left it: an outdated flag is confirmed first, so this journey's
    // English edit is what flags it. (Both texts must exist for a translation to be out of date.)
    let before = await alignmentOf(french.request, draftId, 3);
    expect(before.en.text && before.fr.text, "Article 3 has an English and a French text").toBeTruthy();
    if (before.status !== "aligned") {
      const confirmed = await french.request.post(`/api/drafts/${draftId}/alignment/${before.clauseId}/confirm`, { data: {} });
      expect(confirmed.status()).toBe(201);
      before = await alignmentOf(french.request, draftId, 3);
    }
    expect(before.status).toBe("aligned");
    const clauseId = before.clauseId;

    // Camille switches the interface to French with the locale switch, then shows both texts.
    const camille = await french.newPage();
    await camille.goto(`/drafts/${draftId}`);
    await expect(camille.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    await camille.getByRole("combobox", { name: "Language" }).selectOption("fr");
    await expect(camille.locator("html")).toHaveAttribute("lang", "fr");
    await camille.getByTestId("text-view").getByRole("radio", { name: "Côte à côte" }).check();
    const camilleFrench = camille.getByRole("textbox", { name: "Texte français du projet" });
    await expect(camilleFrench).toBeVisible();
    await expect(camille.locator(".charter-en .ProseMirror")).toBeVisible();
    const slot = camille.locator(`[data-alignment-slot="${clauseId}"]`);
    await expect(slot.getByTestId("alignment-flag")).toHaveAttribute("data-status", "aligned");
    await expect(slot).toContainText("Textes concordants");
    await expect(slot.getByTestId("alignment-confirm")).toHaveCount(0);

    // Kwame reads English only, in an English interface, and adds to Article 3.
    const kwame = await english.newPage();
    await kwame.goto(`/drafts/${draftId}`);
    await expect(kwame.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    await expect(kwame.locator("html")).toHaveAttribute("lang", "en");
    await expect(kwame.getByTestId("text-view").getByRole("radio", { name: "English" })).toBeChecked();
    await expect(kwame.locator(".charter-fr")).toHaveCount(0);
    const stamp = Date.now().toString(36);
    const englishWords = ` Screening teams work in pairs (${stamp}).`;
    const frenchWords = ` Les équipes de repérage travaillent en binôme (${stamp}).`;
    const kwameArticle = kwame.locator(`.charter-en section.clause[data-clause-id="${clauseId}"]`);
    await typeAtEndOfFirstParagraph(kwame, kwameArticle, englishWords);

    // Camille sees the English words arrive on the left and Article 3's French text flagged.
    const camilleEnglishArticle = camille.locator(`.charter-en section.clause[data-clause-id="${clauseId}"]`);
    await expect.poll(() => textOf(camilleEnglishArticle)).toContain(englishWords.trim());
    await expect(slot.getByTestId("alignment-flag")).toHaveAttribute("data-status", "fr_outdated");
    await expect(slot).toContainText("Texte français pas à jour");
    await expect(outlineFlag(camille, 3)).toHaveAttribute("data-status", "fr_outdated");
    // Kwame's outline flags it too.
    await expect(outlineFlag(kwame, 3)).toHaveAttribute("data-status", "fr_outdated");

    // She updates the French text of Article 3 in the French editor, on its row.
    const camilleFrenchArticle = camille.locator(`.charter-fr section.clause[data-clause-id="${clauseId}"]`);
    const rowTop = async (article: Locator) => (await article.boundingBox())!.y;
    expect(Math.abs((await rowTop(camilleEnglishArticle)) - (await rowTop(camilleFrenchArticle)))).toBeLessThan(1.5);
    await typeAtEndOfFirstParagraph(camille, camilleFrenchArticle, frenchWords);
    await expect.poll(() => textOf(camilleFrenchArticle)).toContain(frenchWords.trim());
    expect(await textOf(camilleEnglishArticle)).not.toContain(frenchWords.trim());
    // Kwame's outline says she is in Article 3's French text.
    await expect(kwame.getByTestId("outline")).toContainText("Camille Laurent (French)");
    // The French words reach the server's French text, never the English one.
    await expect.poll(async () => (await alignmentOf(english.request, draftId, 3)).fr.text, { timeout: 15_000 }).toContain(frenchWords.trim());
    expect((await alignmentOf(english.request, draftId, 3)).en.text).not.toContain(frenchWords.trim());

    // She confirms the article from the gutter beside it.
    await slot.getByRole("button", { name: "Confirmer que les textes anglais et français de l’article 3 disent la même chose" }).click();
    await expect(slot.getByTestId("alignment-flag")).toHaveAttribute("data-status", "aligned");
    await expect(slot).toContainText("Textes concordants");
    await expect(slot.getByTestId("alignment-confirm")).toHaveCount(0);

    // Kwame sees it aligned without reloading, in the outline and on the alignment page.
    await expect(outlineFlag(kwame, 3)).toHaveAttribute("data-status", "aligned");
    await kwame.getByRole("link", { name: "Alignment" }).click();
    const row = kwame.locator(`[data-testid="alignment-row"][data-clause-id="${clauseId}"]`);
    await expect(row).toHaveAttribute("data-status", "aligned");
    await expect(row.getByTestId("alignment-confirmed")).toContainText("by Camille Laurent (France)");

    const after = await alignmentOf(english.request, draftId, 3);
    expect(after.status).toBe("aligned");
    expect(after.confirmedBy).toMatchObject({ name: "Camille Laurent", delegation: "France" });
    expect(after.en.text).toContain(englishWords.trim());
    expect(after.fr.text).toContain(frenchWords.trim());
  } finally {
    // Camille's interface language is kept on her account: give it back to the other specs.
    await french.request.post("/api/me/locale", { data: { locale: "en" } });
    await english.close();
    await french.close();
  }
});
