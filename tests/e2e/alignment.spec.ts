// The alignment table and its Confirm button, the outline flags and the draft page's summary
// (issue 13 item 2). One browser context per person; the English and French texts are typed by a
// stock y-websocket client signed in as a member (the side-by-side editor is another item's).
import AxeBuilder from "@axe-core/playwright";
import { liveSocket } from "./live-socket";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import * as Y from "yjs";
import { fragmentOf, type TextLang } from "../../lib/editor/languages";
import { signInApi } from "./helpers";

async function contextAs(browser: Browser, email: string, locale: "en" | "fr" = "en"): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: locale === "fr" ? "fr-FR" : "en-GB" });
  await signInApi(context.request, email);
  return context;
}


/** Types into the first article's heading and first paragraph in one language. */
function write(doc: Y.Doc, lang: TextLang, heading: string, text: string): void {
  const article = fragmentOf(doc, lang).get(0) as Y.XmlElement;
  doc.transact(() => {
    if (heading) (article.get(0) as Y.XmlElement).insert((article.get(0) as Y.XmlElement).length, [new Y.XmlText(heading)]);
    const paragraph = article.get(1) as Y.XmlElement;
    paragraph.insert(paragraph.length, [new Y.XmlText(text)]);
  });
}

const violations = async (page: import("@playwright/test").Page) =>
  (await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));

test("an English change flags the French text out of date in the table, the outline and the summary; a member confirms it", async ({ browser }) => {
  test.setTimeout(120_000);
  const secretariat = await contextAs(browser, "secretariat@demo.test");
  const draft = (await (await secretariat.request.post("/api/drafts", { data: { title: `Alignment ${Date.now()}` } })).json()) as { id: string };
  // Kwame Mensah (Ghana) writes the English text, then the French one: never confirmed, so French lags.
  const ghana = await contextAs(browser, "ghana@demo.test");
  const writer = await liveSocket(ghana.request, draft.id);
  write(writer.doc, "en", "Scope", "It applies at every border.");
  await expect.poll(async () => ((await (await ghana.request.get(`/api/drafts/${draft.id}/alignment`)).json()) as { status: string }[])[0]?.status).toBe("fr_missing");
  write(writer.doc, "fr", "Champ d'application", "Elle s'applique à chaque frontière.");

  // Aminata Diallo (Senegal) checks the table and confirms.
  const senegal = await contextAs(browser, "member@demo.test");
  const page = await senegal.newPage();
  await page.goto(`/drafts/${draft.id}`);
  await page.getByRole("link", { name: "Alignment" }).click();
  await expect(page).toHaveURL(new RegExp(`/drafts/${draft.id}/alignment$`));
  await expect(page.getByTestId("alignment-live")).toHaveAttribute("data-state", "connected");
  const row = page.getByTestId("alignment-row").first();
  await expect(row).toHaveAttribute("data-status", "fr_outdated");
  await expect(row.getByTestId("alignment-status")).toContainText("French text out of date");
  await expect(row).toContainText("Scope");
  await expect(row).toContainText("Champ d'application");
  await expect(row).toContainText("by Kwame Mensah (Ghana)");
  await expect(row.getByTestId("alignment-confirmed")).toHaveText("never");
  await row.getByRole("button", { name: "Confirm that the English and French texts of article 1 say the same" }).click();
  await expect(row).toHaveAttribute("data-status", "aligned");
  await expect(row.getByTestId("alignment-status")).toContainText("Texts aligned");
  await expect(row.getByTestId("alignment-confirmed")).toContainText("by Aminata Diallo (Senegal)");
  await expect(row.getByTestId("alignment-confirm")).toHaveCount(0);

  // The English text changes: the open table follows without a reload.
  write(writer.doc, "en", "", " It also applies at sea.");
  await expect(row).toHaveAttribute("data-status", "fr_outdated");

  // The editor's outline flags the article; the summary names who changed what.
  await page.goto(`/drafts/${draft.id}`);
  await expect(page.getByTestId("outline").getByTestId("alignment-flag")).toHaveAttribute("data-status", "fr_outdated");
  await expect(page.getByTestId("outline").getByText("French text out of date")).toBeAttached();
  const summary = page.getByTestId("alignment-summary");
  await expect(summary.getByTestId("alignment-line")).toHaveText(/^Article 1: French text out of date since .+, changed by Kwame Mensah \(Ghana\)$/);

  // The French text is updated, and confirmed from the editor page's live list too.
  write(writer.doc, "fr", "", " Elle s'applique aussi en mer.");
  const confirmed = await senegal.request.post(`/api/drafts/${draft.id}/alignment/${(await (await senegal.request.get(`/api/drafts/${draft.id}/alignment`)).json())[0].clauseId}/confirm`, { data: {} });
  expect(confirmed.status()).toBe(201);
  expect((await confirmed.json()).status).toBe("aligned");
  await expect(page.getByTestId("outline").getByTestId("alignment-flag")).toHaveAttribute("data-status", "aligned");
  await expect(summary).toContainText("The English and French texts of every article are confirmed aligned.");

  writer.provider.destroy();
  await Promise.all([secretariat.close(), ghana.close(), senegal.close()]);
});

test("viewers and observers see the table without Confirm and are refused by the API; a bad lang is a readable 400", async ({ browser }) => {
  const secretariat = await contextAs(browser, "secretariat@demo.test");
  const draft = (await (await secretariat.request.post("/api/drafts", { data: { title: `Alignment rights ${Date.now()}` } })).json()) as { id: string };
  const writer = await liveSocket(secretariat.request, draft.id);
  write(writer.doc, "en", "Scope", "It applies at every border.");
  write(writer.doc, "fr", "Champ", "Elle s'applique.");
  const [clause] = (await (await secretariat.request.get(`/api/drafts/${draft.id}/clauses?lang=fr`)).json()) as { clauseId: string; lang: string }[];
  expect(clause.lang).toBe("fr");
  for (const email of ["viewer@demo.test", "observer@demo.test"]) {
    const context = await contextAs(browser, email);
    const page = await context.newPage();
    await page.goto(`/drafts/${draft.id}/alignment`);
    await expect(page.getByTestId("alignment-row")).toHaveCount(1);
    await expect(page.getByTestId("alignment-confirm")).toHaveCount(0);
    const refused = await context.request.post(`/api/drafts/${draft.id}/alignment/${clause.clauseId}/confirm`, { data: {} });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    await context.close();
  }
  const bad = await secretariat.request.get(`/api/drafts/${draft.id}/clauses?lang=de`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: { code: "invalid", message: "lang: The text language must be en or fr." } });
  const unknown = await secretariat.request.post(`/api/drafts/${draft.id}/alignment/no-such-article/confirm`, { data: {} });
  expect(unknown.status()).toBe(404);
  writer.provider.destroy();
  await secretariat.close();
});

for (const locale of ["en", "fr"] as const) {
  test(`axe finds no serious or critical violation on the alignment page (${locale})`, async ({ browser }) => {
    const context = await contextAs(browser, "member@demo.test", locale);
    expect((await context.request.post("/api/me/locale", { data: { locale } })).ok()).toBeTruthy();
    try {
      const drafts = (await (await context.request.get("/api/drafts")).json()) as { id: string }[];
      const page = await context.newPage();
      await page.goto(`/drafts/${drafts[0].id}/alignment`);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByTestId("alignment-table")).toBeVisible();
      if (locale === "fr") await expect(page.getByRole("heading", { name: "Concordance des textes anglais et français" })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.request.post("/api/me/locale", { data: { locale: "en" } });
      await context.close();
    }
  });
}
