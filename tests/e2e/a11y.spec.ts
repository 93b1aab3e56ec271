import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_DRAFT, signInApi } from "./helpers";

// WCAG 2.1 AA, as axe checks it: no serious or critical violation on any page, in both languages.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

async function setLocale(request: APIRequestContext, locale: "en" | "fr") {
  expect((await request.post("/api/me/locale", { data: { locale } })).ok()).toBeTruthy();
}

for (const locale of ["en", "fr"] as const) {
  test(`axe finds no serious or critical violation on the sign-in page (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale: locale === "fr" ? "fr-FR" : "en-GB" });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  test(`axe finds no serious or critical violation on any signed-in page (${locale})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext();
    await signInApi(context.request, "secretariat@demo.test");
    const page = await context.newPage();
    const drafts = (await (await context.request.get("/api/drafts")).json()) as { id: string; title: string }[];
    const draftId = drafts.find((d) => d.title === DEMO_DRAFT)!.id;
    const sources = (await (await context.request.get("/api/sources")).json()) as { id: string }[];
    // a draft of its own with a named version, for the version and compare pages
    const scratch = (await (await context.request.post("/api/drafts", { data: { title: `Accessibility check ${locale}` } })).json()) as { id: string };
    const version = (await (await context.request.post(`/api/drafts/${scratch.id}/versions`, { data: { name: "A11y" } })).json()) as { id: string };
    const pages: [string, string, () => Promise<void>][] = [
      ["drafts list", "/drafts", async () => {}],
      ["editor", `/drafts/${draftId}`, async () => {
        await expect(page.getByTestId("charter-editor")).toBeVisible();
        await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
      }],
      ["comments view", `/drafts/${draftId}/comments`, async () => {}],
      ["history", `/drafts/${draftId}/history`, async () => {}],
      ["coverage", `/drafts/${draftId}/coverage`, async () => {}],
      ["sources list", "/sources", async () => {}],
      ["source item", `/sources/${sources[0].id}`, async () => {}],
      ["notifications", "/notifications", async () => {}],
      ["members admin", "/admin/members", async () => {}],
      ["import admin", "/admin/import", async () => {}],
      ["404", "/no-such-page", async () => {}],
    ];
    pages.push(["version", `/drafts/${scratch.id}/history/${version.id}`, async () => {}]);
    pages.push(["compare", `/drafts/${scratch.id}/compare?from=${version.id}&to=current`, async () => {}]);
    const found: Record<string, unknown> = {};
    try {
      await setLocale(context.request, locale);
      for (const [name, url, ready] of pages) {
        await page.goto(url);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await ready();
        const v = await violations(page);
        if (v.length) found[name] = v;
      }
    } finally {
      await setLocale(context.request, "en");
    }
    expect(found).toEqual({});
    await context.close();
  });
}
