import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_DRAFT, DEMO_PASSWORD, openDemoDraft, userPage } from "./helpers";

/** A fresh draft (so these tests never change the demo draft others rely on). */
async function newDraft(request: APIRequestContext, title: string): Promise<string> {
  const res = await request.post("/api/drafts", { data: { title } });
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { id: string }).id;
}

async function openDraft(page: Page, id: string) {
  await page.goto(`/drafts/${id}`);
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}

async function setLocale(request: APIRequestContext, locale: "en" | "fr") {
  expect((await request.post("/api/me/locale", { data: { locale } })).ok()).toBeTruthy();
}

test.describe("citation popover", () => {
  test("sits next to the citation at a readable width and closes on pointer leave and Escape", async ({ browser }) => {
    const { page, context } = await userPage(browser, "member");
    await page.setViewportSize({ width: 1280, height: 720 });
    await openDemoDraft(page);
    const cite = page.locator('.charter cite[data-key="MKH23-REC-07"]');
    await cite.scrollIntoViewIfNeeded();
    await cite.hover();
    const popover = page.getByTestId("citation-popover");
    await expect(popover).toBeVisible();
    await expect(popover).toContainText("MKH23-REC-07");
    const c = (await cite.boundingBox())!;
    const p = (await popover.boundingBox())!;
    // just below (or above) the citation, overlapping it horizontally, inside the window
    const gapBelow = p.y - (c.y + c.height);
    const gapAbove = c.y - (p.y + p.height);
    expect(Math.min(Math.abs(gapBelow), Math.abs(gapAbove))).toBeLessThan(16);
    expect(p.x).toBeLessThan(c.x + c.width);
    expect(p.x + p.width).toBeGreaterThan(c.x);
    expect(p.x).toBeGreaterThanOrEqual(0);
    expect(p.x + p.width).toBeLessThanOrEqual(1280);
    expect(p.width).toBeGreaterThanOrEqual(240);
    expect(p.width).toBeLessThanOrEqual(480);

    // the pointer leaves for another part of the page: the popover goes
    await page.getByRole("banner").hover();
    await expect(popover).toHaveCount(0);

    // back on the citation, Escape closes it
    await cite.hover();
    await expect(popover).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(popover).toHaveCount(0);
    await context.close();
  });

  test("clicking a citation shows its item in the Sources panel even when the panel's filter hides it", async ({ browser }) => {
    const { page, context } = await userPage(browser, "member");
    await openDemoDraft(page);
    const panel = page.getByTestId("sources-panel");
    await panel.getByLabel("Search").fill("smuggling");
    await expect(panel.locator('[data-testid=panel-item][data-key="MKH23-REC-07"]')).toHaveCount(0);
    await page.locator('.charter cite[data-key="MKH23-REC-07"]').click();
    const item = panel.locator('[data-testid=panel-item][data-key="MKH23-REC-07"]');
    await expect(item).toBeVisible();
    await expect(item).toHaveClass(/focused/);
    await expect(item).toBeInViewport();
    await context.close();
  });
});

const LAYOUT_NAMES = {
  en: { tab: "Sources", toggle: "Sources and comments", search: "Search" },
  fr: { tab: "Sources", toggle: "Sources et commentaires", search: "Rechercher" },
};
for (const [size, locale] of [
  [{ width: 1280, height: 720 }, "en"],
  [{ width: 1024, height: 768 }, "en"],
  [{ width: 1024, height: 768 }, "fr"],
] as const) {
  test(`editor layout at ${size.width}×${size.height} (${locale}): text on the first screen, panel reachable, toolbar on one row`, async ({ browser }) => {
    const { page, context } = await userPage(browser, "member");
    const names = LAYOUT_NAMES[locale];
    await page.setViewportSize(size);
    if (locale === "fr") await setLocale(context.request, "fr");
    try {
      await layoutChecks(page, size, names);
      await page.screenshot({ path: test.info().outputPath(`editor-${size.width}-${locale}.png`) });
    } finally {
      if (locale === "fr") await setLocale(context.request, "en");
    }
    await context.close();
  });
}

async function layoutChecks(page: Page, size: { width: number; height: number }, names: (typeof LAYOUT_NAMES)["en"]) {
    await page.goto("/drafts");
    await page.getByRole("link", { name: DEMO_DRAFT }).click();
    await expect(page.getByTestId("charter-editor")).toBeVisible();
    // the first article's text starts on the first screen
    const firstText = page.locator(".charter section.clause p").first();
    const text = (await firstText.boundingBox())!;
    expect(text.y).toBeGreaterThanOrEqual(0);
    expect(text.y + 20).toBeLessThan(size.height);
    expect(text.width).toBeGreaterThan(400);

    // the Sources panel is on screen (or one click away) without scrolling the page
    const sourcesTab = page.getByRole("tab", { name: names.tab });
    if (!(await sourcesTab.isVisible())) await page.getByRole("button", { name: names.toggle }).click();
    await expect(sourcesTab).toBeInViewport();
    await sourcesTab.click();
    const search = page.getByTestId("sources-panel").getByLabel(names.search);
    await expect(search).toBeInViewport();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // …and stays reachable when the reader is deep in the document
    await page.locator(".charter section.clause").last().scrollIntoViewIfNeeded();
    await expect(search).toBeInViewport();

    // the toolbar is one row
    const toolbar = page.getByRole("toolbar");
    const buttons = toolbar.getByRole("button");
    const tops = new Set<number>();
    for (const b of await buttons.all()) if (await b.isVisible()) tops.add(Math.round((await b.boundingBox())!.y));
    expect([...tops]).toHaveLength(1);
    const bar = (await toolbar.boundingBox())!;
    expect(bar.x + bar.width).toBeLessThanOrEqual(size.width);
    // …and it fits above the text: nothing runs over the side panel
    const column = (await page.getByTestId("charter-editor").boundingBox())!;
    for (const b of await page.locator(".editor-bar button").all()) {
      const box = (await b.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(column.x + column.width + 1);
    }
}

test("the editor has an accessible name", async ({ browser }) => {
  const { page, context } = await userPage(browser, "member");
  await openDemoDraft(page);
  await expect(page.getByRole("textbox", { name: /Text of the draft/ })).toBeVisible();
  await context.close();
});

test("a split article's empty heading shows a placeholder, in English and in French", async ({ browser }) => {
  const { page, context } = await userPage(browser, "secretariat");
  const id = await newDraft(context.request, "Placeholder check");
  await openDraft(page, id);
  const paragraph = page.locator(".charter section.clause p").first();
  await paragraph.click();
  await page.keyboard.type("First sentence. Second sentence.");
  for (let i = 0; i < "Second sentence.".length; i++) await page.keyboard.press("ArrowLeft");
  const toolbar = page.getByRole("toolbar");
  const split = toolbar.getByRole("button", { name: "Split article here" });
  if (!(await split.isVisible())) await toolbar.getByRole("button", { name: "Article actions" }).click();
  await split.click();
  const clauses = page.locator(".charter section.clause");
  await expect(clauses).toHaveCount(2);
  const emptyHeading = clauses.nth(1).locator("h3.clause-heading");
  const placeholder = () => emptyHeading.evaluate((el) => getComputedStyle(el, "::before").content);
  await expect.poll(placeholder).toContain("Article heading (optional)");
  try {
    // Switching the language in the open editor redraws the hint without a reload.
    await page.getByLabel("Language").selectOption("fr");
    await expect(page.getByLabel("Langue")).toHaveValue("fr");
    await expect.poll(placeholder).toContain("Intitulé de l'article (facultatif)");
    await setLocale(context.request, "fr");
    await openDraft(page, id);
    await expect.poll(placeholder).toContain("Intitulé de l'article (facultatif)");
  } finally {
    await setLocale(context.request, "en");
  }
  await context.close();
});

test("a citation dropped inside a word lands at the word's edge", async ({ browser }) => {
  const { page, context } = await userPage(browser, "secretariat");
  const id = await newDraft(context.request, "Drop check");
  await openDraft(page, id);
  const paragraph = page.locator(".charter section.clause p").first();
  await paragraph.click();
  await page.keyboard.type("Cooperation between partners");
  const panel = page.getByTestId("sources-panel");
  await panel.getByLabel("Search").fill("collective dynamic");
  const item = panel.getByTestId("panel-item").first();
  // the middle of "Cooperation"
  const word = await paragraph.evaluate((p) => {
    const range = document.createRange();
    range.setStart(p.firstChild!, 3);
    range.setEnd(p.firstChild!, 4);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  const box = (await paragraph.boundingBox())!;
  await item.dragTo(paragraph, { targetPosition: { x: word.x - box.x, y: word.y - box.y } });
  await expect(paragraph.locator("cite.citation")).toHaveCount(1);
  const text = (await paragraph.innerText()).replace(/\s+/g, " ");
  expect(text).toMatch(/^(\[MKH23-REC-08\] ?Cooperation|Cooperation ?\[MKH23-REC-08\]) between partners/);
  await context.close();
});

/** English a French reader must never meet (each was seen on a French page). */
const ENGLISH = [
  "This page could not be found",
  "404: This page",
  "Restored",
  "Article heading (optional)",
  "Draft 1 for the plenary",
  "Write a comment",
  "Words to find",
  "already exists",
  "was not found",
  "Something went wrong",
  "Not found.",
];

test("walking the pages in French meets no English", async ({ browser }) => {
  const { page, context } = await userPage(browser, "secretariat");
  const id = await newDraft(context.request, "Brouillon français");
  await openDraft(page, id);
  const paragraph = page.locator(".charter section.clause p").first();
  await paragraph.click();
  await page.keyboard.type("Texte de départ.");
  const named = await context.request.post(`/api/drafts/${id}/versions`, { data: { name: "Projet 1" } });
  expect(named.ok()).toBeTruthy();
  const version = (await named.json()) as { id: string };
  expect((await context.request.post(`/api/drafts/${id}/versions/${version.id}/restore`)).ok()).toBeTruthy();
  const noEnglish = async (what: string) => {
    const text = await page.evaluate(() => {
      // visible text plus what assistive technology and placeholders say
      const labels = [...document.querySelectorAll("[aria-label],[placeholder],[title],[data-placeholder]")].flatMap((el) =>
        ["aria-label", "placeholder", "title", "data-placeholder"].map((a) => el.getAttribute(a) ?? ""),
      );
      return `${document.body.innerText}\n${labels.join("\n")}\n${document.title}`;
    });
    for (const english of ENGLISH) expect(text, `${what}: "${english}"`).not.toContain(english);
  };
  try {
    await setLocale(context.request, "fr");
    await page.goto("/no-such-page");
    await expect(page.locator("h1, h2").first()).toBeVisible();
    await noEnglish("404");
    expect(await page.locator("body").innerText()).toContain("introuvable");
    await page.goto("/drafts/no-such-draft");
    await noEnglish("404 of a draft");

    await page.goto(`/drafts/${id}/coverage`);
    const header = page.getByTestId("coverage-matrix").locator("thead th").first();
    await expect(header).toHaveText("Élément");

    await page.goto(`/drafts/${id}/history`);
    await expect(page.getByTestId("version").first()).toBeVisible();
    await noEnglish("history");
    await expect(page.locator(".version-restore strong")).toHaveText("Restauration de « Projet 1 »");
    await page.goto(`/drafts/${id}/compare?from=${version.id}&to=current`);
    await noEnglish("compare");

    await openDraft(page, id);
    await noEnglish("editor");
    await page.getByRole("tab", { name: /Commentaires/ }).click();
    await noEnglish("comments panel");

    // an API error shown in the UI (a member who already exists) is in French
    await page.goto("/admin/members");
    const form = page.locator("form.inline-form");
    await form.getByLabel("Nom").fill("Doublon");
    await form.getByLabel("Courriel").fill("member@demo.test");
    await form.getByLabel(/Délégation/).fill("Test");
    await form.getByLabel(/Mot de passe/).fill(DEMO_PASSWORD + "-long");
    await form.getByRole("button", { name: "Ajouter" }).click();
    await expect(page.locator(".error")).toBeVisible();
    await expect(page.locator(".error")).toContainText("Cela entre en conflit");
    await noEnglish("members admin");
  } finally {
    await setLocale(context.request, "en");
  }
  await context.close();
});
