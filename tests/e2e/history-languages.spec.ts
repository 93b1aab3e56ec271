// Compare per language: a reader picks English, French or both on the compare page and sees the
// French change; the API refuses a text language it does not know; axe in English and French.
// The French text is written through a real y-websocket client, as the French editor would.
import AxeBuilder from "@axe-core/playwright";
import { liveSocket } from "./live-socket";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import * as Y from "yjs";
import { fragmentOf } from "../../lib/editor/languages";
import { draftWith, setLocale } from "./amendment-fixtures";
import { signInApi } from "./helpers";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Types `text` at the end of the French article's first paragraph through a live socket, and waits until the server has it. */
async function typeFrench(api: APIRequestContext, draftId: string, clauseId: string, text: string, since: string) {
  const { doc, provider } = await liveSocket(api, draftId);
  const article = () => fragmentOf(doc, "fr").toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId) as Y.XmlElement | undefined;
  try {
    await expect.poll(() => !!article()).toBe(true); // the server made the empty French article
    const paragraph = article()!.get(1) as Y.XmlElement;
    const run = paragraph.get(0);
    if (run instanceof Y.XmlText) run.insert(run.length, text);
    else paragraph.insert(0, [new Y.XmlText(text)]);
    await expect
      .poll(async () => {
        const res = await api.get(`/api/drafts/${draftId}/compare?from=${since}&to=current&lang=fr`);
        const body = (await res.json()) as { changes: { clauseId: string; toText: string | null }[] };
        return body.changes.find((c) => c.clauseId === clauseId)?.toText ?? "";
      })
      .toContain(text.trim());
  } finally {
    provider.destroy();
  }
}

async function nameVersion(api: APIRequestContext, draftId: string, name: string): Promise<string> {
  const res = await api.post(`/api/drafts/${draftId}/versions`, { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

test("the compare page shows the French change in French or in both texts, the article history names the language; axe in en and fr; a bad text language is a 400", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const api = context.request;
  await signInApi(api, "secretariat@demo.test");
  const draftId = await draftWith(api, `Bilingual history ${Date.now()}`, [
    { clauseId: "art-1", heading: "Scope", paragraphs: [["The Charter applies at all borders."]] },
    { clauseId: "art-2", heading: "Data", paragraphs: [["Data shall be shared."]] },
  ]);
  const beforeFrench = await nameVersion(api, draftId, "Before French");
  await typeFrench(api, draftId, "art-1", "La Charte s'applique à toutes les frontières.", beforeFrench);
  const french1 = await nameVersion(api, draftId, "French 1");
  await typeFrench(api, draftId, "art-1", " Elle respecte les droits humains.", french1);

  const page = await context.newPage();
  await page.goto(`/drafts/${draftId}/compare?from=${french1}&to=current`);
  // English (the default): nothing changed in English.
  await expect(page.getByTestId("clause-change")).toHaveCount(0);

  await page.getByLabel("Text").selectOption({ label: "French" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/lang=fr/);
  const article = page.locator('[data-testid=clause-change][data-clause-id="art-1"]');
  await expect(article.locator("ins")).toHaveText("Elle respecte les droits humains.");
  await expect(page.getByTestId("clause-change")).toHaveCount(1);

  await page.getByLabel("Text").selectOption({ label: "English and French" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/lang=both/);
  const english = article.locator("[data-testid=lang-change][data-lang=en]");
  const frenchPart = article.locator("[data-testid=lang-change][data-lang=fr]");
  await expect(english.getByRole("heading", { name: /English text/ })).toContainText("Unchanged");
  await expect(english).toContainText("The Charter applies at all borders.");
  await expect(frenchPart.getByRole("heading", { name: /French text/ })).toContainText("Changed");
  await expect(frenchPart.locator("ins")).toHaveText("Elle respecte les droits humains.");

  // The article's history names the language each version changed, and shows both texts.
  await article.getByRole("link", { name: "History of this article" }).click();
  const french1Entry = page.locator('[data-testid=clause-version][data-changed-langs="fr"]').filter({ hasText: "French 1" });
  await expect(french1Entry.getByTestId("changed-langs")).toHaveText("Changed: French");
  await expect(french1Entry.locator("[data-lang=fr]")).toContainText("La Charte s'applique à toutes les frontières.");
  await expect(french1Entry.locator("[data-lang=en]")).toContainText("The Charter applies at all borders.");
  await expect(page.locator('[data-testid=clause-version][data-changed-langs="en"]').filter({ hasText: "Before French" }).locator("[data-lang=fr]")).toContainText("(no French text yet)");

  // A version from before the French text was written compares French from empty.
  await page.goto(`/drafts/${draftId}/compare?from=${beforeFrench}&to=current&lang=fr`);
  await expect(article.locator("ins")).toContainText("La Charte s'applique à toutes les frontières.");

  expect(await seriousViolations(page)).toEqual([]);
  await setLocale(api, "fr");
  await page.goto(`/drafts/${draftId}/compare?from=${french1}&to=current&lang=both`);
  await expect(page.getByLabel("Texte")).toHaveValue("both");
  await expect(article.locator("[data-testid=lang-change][data-lang=fr]").getByRole("heading", { name: /Texte français/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await setLocale(api, "en");

  const bad = await api.get(`/api/drafts/${draftId}/compare?from=${french1}&lang=de`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "invalid", message: expect.stringContaining("en, fr or both") });
  await context.close();
});
