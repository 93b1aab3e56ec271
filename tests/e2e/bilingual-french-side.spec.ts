// What a French-speaking member meets when she works in the French text (issue 13, found walking
// the bilingual journey): citing from the Sources panel goes into the text her cursor is in, and
// on a phone the French text keeps the width of the screen beside a narrow strip of flags.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import * as Y from "yjs";
import { fragmentOf, type TextLang } from "../../lib/editor/languages";
import { DEMO_DRAFT, signInApi, newDraft } from "./helpers";
import { liveSocket } from "./live-socket";

/** Adds words to the first article's heading and first paragraph in one language. */
function write(doc: Y.Doc, lang: TextLang, heading: string, text: string): void {
  const article = fragmentOf(doc, lang).get(0) as Y.XmlElement;
  doc.transact(() => {
    if (heading) (article.get(0) as Y.XmlElement).insert((article.get(0) as Y.XmlElement).length, [new Y.XmlText(heading)]);
    const paragraph = article.get(1) as Y.XmlElement;
    paragraph.insert(paragraph.length, [new Y.XmlText(text)]);
  });
}

async function status(api: APIRequestContext, draftId: string): Promise<string | undefined> {
  return ((await (await api.get(`/api/drafts/${draftId}/alignment`)).json()) as { status: string }[])[0]?.status;
}

const citationKeys = (page: Page, lang: TextLang) =>
  page.locator(`.charter-${lang} cite.citation`).evaluateAll((cites) => cites.map((c) => c.textContent));

test("citing from the Sources panel with the cursor in the French text puts the citation in the French article, not the English one", async ({ browser }) => {
  const draftId = await newDraft(browser, `Cite in French ${Date.now()}`);
  const context = await browser.newContext();
  await signInApi(context.request, "france@demo.test");
  const page = await context.newPage();
  await page.goto(`/drafts/${draftId}?text=both`);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
  const frenchParagraph = page.locator(".charter-fr section.clause p").first();
  await frenchParagraph.click();
  await page.keyboard.type("Les États coopèrent.");
  const panel = page.getByTestId("sources-panel");
  await expect(panel.getByText("Place the cursor in an article's text, then cite.")).toHaveCount(0);
  const cite = panel.getByRole("button", { name: /^Cite in this article: / }).first();
  const key = ((await cite.getAttribute("aria-label")) ?? "").replace(/^Cite in this article: /, "");
  await cite.click();
  await expect.poll(() => citationKeys(page, "fr")).toEqual([`[${key}]`]);
  expect(await citationKeys(page, "en")).toEqual([]);
  await context.close();
});

test("at 360 px in a French interface the French text keeps the screen's width beside its flags, and Confirm fits", async ({ browser }) => {
  test.setTimeout(90_000);
  const draftId = await newDraft(browser, `Narrow French ${Date.now()}`);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await signInApi(context.request, "france@demo.test");
  // An article whose French text is out of date: written in both, confirmed, then English changes.
  const writer = await liveSocket(context.request, draftId);
  write(writer.doc, "en", "Scope", "It applies at every border.");
  write(writer.doc, "fr", "Champ d'application", "Elle s'applique à chaque frontière.");
  await expect.poll(() => status(context.request, draftId)).toBe("fr_outdated");
  const clauseId = ((await (await context.request.get(`/api/drafts/${draftId}/alignment`)).json()) as { clauseId: string }[])[0].clauseId;
  expect((await context.request.post(`/api/drafts/${draftId}/alignment/${clauseId}/confirm`, { data: {} })).status()).toBe(201);
  write(writer.doc, "en", "", " It also applies at sea.");
  await expect.poll(() => status(context.request, draftId)).toBe("fr_outdated");
  expect((await context.request.post("/api/me/locale", { data: { locale: "fr" } })).ok()).toBeTruthy();
  try {
    const page = await context.newPage();
    // The width the English text has on this screen (the English view has no flags beside it).
    await page.goto(`/drafts/${draftId}?text=en`);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    const englishWidth = (await page.locator(".charter-en section.clause").first().boundingBox())!.width;

    // Side by side on a phone falls back to the French text (the interface's language).
    await page.goto(`/drafts/${draftId}?text=both`);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    await expect(page.getByTestId("narrow-notice")).toBeVisible();
    const french = page.locator(".charter-fr section.clause").first();
    await expect(french).toBeVisible();
    // The flags take a narrow strip, not a third of the screen.
    expect((await french.boundingBox())!.width).toBeGreaterThanOrEqual(englishWidth - 48);
    const slot = page.locator(`[data-alignment-slot="${clauseId}"]`);
    await expect(slot.getByTestId("alignment-flag")).toHaveAttribute("data-status", "fr_outdated");
    await expect(slot.getByTestId("alignment-flag")).toHaveAttribute("title", "Texte français pas à jour");
    const confirm = slot.getByRole("button", { name: "Confirmer que les textes anglais et français de l’article 1 disent la même chose" });
    await expect(confirm).toBeVisible();
    const box = (await confirm.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await confirm.click();
    await expect(slot.getByTestId("alignment-flag")).toHaveAttribute("data-status", "aligned");
  } finally {
    writer.provider.destroy();
    await context.request.post("/api/me/locale", { data: { locale: "en" } });
    await context.close();
  }
});

test("a citation in the French text shows its source on hover and opens it in the Sources panel on click, as in the English text", async ({ browser }) => {
  const context = await browser.newContext();
  await signInApi(context.request, "france@demo.test");
  const page = await context.newPage();
  const drafts = (await (await context.request.get("/api/drafts")).json()) as { id: string; title: string }[];
  await page.goto(`/drafts/${drafts.find((d) => d.title === DEMO_DRAFT)!.id}?text=both`);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
  // The demo's French text cites what the English text cites, article by article.
  const citation = page.locator(".charter-fr cite.citation").first();
  const key = ((await citation.textContent()) ?? "").replace(/^\[|\]$/g, "");
  expect(key).toMatch(/^MKH23-/);
  await citation.hover();
  await expect(page.getByTestId("citation-popover")).toBeVisible();
  await expect(page.getByTestId("citation-popover")).toContainText(key);
  await citation.click();
  await expect(page.getByTestId("sources-panel").getByRole("button", { name: key, exact: true })).toHaveAttribute("aria-expanded", "true");
  await context.close();
});

test("at 360 px in the French interface the editing tools fit the screen: nothing to scroll sideways to", async ({ browser }) => {
  const draftId = await newDraft(browser, `Narrow tools ${Date.now()}`);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await signInApi(context.request, "france@demo.test");
  expect((await context.request.post("/api/me/locale", { data: { locale: "fr" } })).ok()).toBeTruthy();
  try {
    const page = await context.newPage();
    await page.goto(`/drafts/${draftId}?text=both`);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    await expect(page.locator(".charter-fr .ProseMirror")).toBeVisible();
    for (const name of ["Ajouter un article", "Actions sur l'article"]) {
      const box = (await page.getByRole("button", { name: new RegExp(`^${name}`) }).boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(360);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  } finally {
    await context.request.post("/api/me/locale", { data: { locale: "en" } });
    await context.close();
  }
});

test("the export menu offers the text(s) the reader is reading, with its choices named on screen", async ({ browser }) => {
  const context = await browser.newContext();
  await signInApi(context.request, "france@demo.test");
  expect((await context.request.post("/api/me/locale", { data: { locale: "fr" } })).ok()).toBeTruthy();
  try {
    const page = await context.newPage();
    const drafts = (await (await context.request.get("/api/drafts")).json()) as { id: string; title: string }[];
    await page.goto(`/drafts/${drafts.find((d) => d.title === DEMO_DRAFT)!.id}?text=both`);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    const menu = page.getByTestId("export-menu");
    // "Anglais" beside "Français" said nothing of which is the text and which the labels.
    await expect(menu.getByText("Texte", { exact: true })).toBeVisible();
    await expect(menu.getByText("Libellés", { exact: true })).toBeVisible();
    const exportLink = menu.getByRole("link", { name: "Exporter", exact: true });
    await expect(menu.getByLabel("Texte", { exact: true })).toHaveValue("both");
    await expect(exportLink).toHaveAttribute("href", /[?&]text=both(&|$)/);
    await page.getByTestId("text-view").getByRole("radio", { name: "Français" }).check();
    await expect(menu.getByLabel("Texte", { exact: true })).toHaveValue("fr");
    await expect(exportLink).toHaveAttribute("href", /[?&]text=fr(&|$)/);
    // A choice made in the menu stays, whatever the view.
    await menu.getByLabel("Texte", { exact: true }).selectOption("en");
    await page.getByTestId("text-view").getByRole("radio", { name: "Côte à côte" }).check();
    await expect(exportLink).toHaveAttribute("href", /[?&]text=en(&|$)/);
  } finally {
    await context.request.post("/api/me/locale", { data: { locale: "en" } });
    await context.close();
  }
});
