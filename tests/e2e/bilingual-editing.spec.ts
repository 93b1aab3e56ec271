// Bilingual editing (issue 13, item 3): the English and French texts each in their own live
// editor, one person in English only and one side by side, article rows lined up, carets in the
// text where their owner is, the view remembered, and the side-by-side view accessible.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { signInApi, userPage, newDraft } from "./helpers";

type Role = "chair" | "member";

async function openDraft(browser: Browser, role: Role, path: string) {
  const user = await userPage(browser, role);
  await user.page.goto(path);
  await expect(user.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
  return user;
}

const english = (page: Page) => page.locator(".charter-en .ProseMirror");
const french = (page: Page) => page.locator(".charter-fr .ProseMirror");

/** An editor's text as the document holds it (other people's caret labels are decorations). */
function textOf(editor: Locator): Promise<string> {
  return editor.evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collab-caret").forEach((caret) => caret.remove());
    return copy.textContent ?? "";
  });
}

/** Puts the caret at the end of the editor's text (its last article's last paragraph). */
async function typeAtEnd(page: Page, editor: Locator, text: string) {
  await editor.focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

async function chooseView(page: Page, label: RegExp) {
  await page.getByTestId("text-view").getByRole("radio", { name: label }).check();
}

const LONG_ENGLISH =
  "States shall ensure that every person crossing a border, whatever their status, is treated with dignity, is informed in a language they understand of the procedures that apply to them, and has access to legal assistance, interpretation and medical care without delay.";

test.describe("bilingual editing", () => {
  test("English-only and side-by-side users edit their own texts live, rows line up, carets follow their text, the view is remembered", async ({ browser }) => {
    test.setTimeout(120_000);
    const draftId = await newDraft(browser, `Bilingual editing ${Date.now()}`);
    const chair = await openDraft(browser, "chair", `/drafts/${draftId}`);
    const member = await openDraft(browser, "member", `/drafts/${draftId}?text=both`);

    // The chair reads English only; the member has both texts, each marked with its language.
    await expect(english(chair.page)).toBeVisible();
    await expect(french(chair.page)).toHaveCount(0);
    await expect(chair.page.getByTestId("text-view").getByRole("radio", { name: /^English$/ })).toBeChecked();
    await expect(english(member.page)).toBeVisible();
    await expect(french(member.page)).toBeVisible();
    await expect(english(member.page)).toHaveAttribute("lang", "en");
    await expect(french(member.page)).toHaveAttribute("lang", "fr");

    // English typing reaches the member's English column only; the chair's caret shows there.
    await typeAtEnd(chair.page, english(chair.page), LONG_ENGLISH);
    await expect.poll(() => textOf(english(member.page))).toContain(LONG_ENGLISH);
    expect(await textOf(french(member.page))).not.toContain("States shall");
    await expect(member.page.locator(".charter-en .collab-caret")).toHaveCount(1);
    await expect(member.page.locator(".charter-fr .collab-caret")).toHaveCount(0);

    // French typing (side by side) reaches the chair's French editor, never the English text.
    await typeAtEnd(member.page, french(member.page), "Les États veillent à la dignité de chacun.");
    await chooseView(chair.page, /^French$/);
    await expect(french(chair.page)).toBeVisible();
    await expect(english(chair.page)).toBeHidden();
    await expect.poll(() => textOf(french(chair.page))).toContain("Les États veillent à la dignité de chacun.");
    expect(await textOf(english(member.page))).not.toContain("Les États");
    expect(await textOf(english(chair.page))).not.toContain("Les États");
    // The member's caret is in the French text: drawn in the chair's French editor.
    await expect(chair.page.locator(".charter-fr .collab-caret")).toHaveCount(1);

    // The chair now types in French: the member sees that caret in the right column only.
    await typeAtEnd(chair.page, french(chair.page), " Sans délai.");
    await expect.poll(() => textOf(french(member.page))).toContain("Sans délai.");
    await expect(member.page.locator(".charter-fr .collab-caret")).toHaveCount(1);
    await expect(member.page.locator(".charter-en .collab-caret")).toHaveCount(0);
    // The outline says in which text the chair is.
    await expect(member.page.getByTestId("outline")).toContainText("(French)");

    // A new article added in English appears, empty, in the French column, on the same row.
    await chooseView(chair.page, /^English$/);
    await expect(english(chair.page)).toBeVisible();
    await english(chair.page).focus();
    await chair.page.keyboard.press("Control+End");
    await chair.page.locator('button[data-action="addClause"]').click();
    await chair.page.keyboard.type("Second article in English.");
    const memberEnglishArticles = member.page.locator(".charter-en section.clause");
    const memberFrenchArticles = member.page.locator(".charter-fr section.clause");
    await expect(memberEnglishArticles).toHaveCount(2);
    await expect(memberFrenchArticles).toHaveCount(2);
    await expect.poll(() => textOf(memberEnglishArticles.nth(1))).toContain("Second article in English.");
    expect((await textOf(memberFrenchArticles.nth(1))).trim()).toBe("");
    // Article 1 is several lines long in English and one line in French: row 2 still lines up.
    const top = async (article: Locator) => (await article.boundingBox())!.y;
    await expect.poll(async () => Math.abs((await top(memberEnglishArticles.nth(1))) - (await top(memberFrenchArticles.nth(1))))).toBeLessThan(1.5);
    expect(await top(memberEnglishArticles.nth(1))).toBeGreaterThan(await top(memberEnglishArticles.nth(0)));

    // The gutter has one slot per article, where the alignment flag and Confirm button go.
    await expect(member.page.locator("[data-alignment-slot]")).toHaveCount(2);

    // The view choice survives a reload, and opening the draft again without ?text= on this device.
    await member.page.reload();
    await expect(french(member.page)).toBeVisible();
    await expect(english(member.page)).toBeVisible();
    await member.page.goto(`/drafts/${draftId}`);
    await expect(french(member.page)).toBeVisible();
    await expect(english(member.page)).toBeVisible();
    await expect(member.page.getByTestId("text-view").getByRole("radio", { name: /^Side by side$/ })).toBeChecked();
    // The address is rewritten only by a choice (rewriting it on open raced a tab clicked meanwhile).
    await expect(member.page).toHaveURL(new RegExp(`/drafts/${draftId}$`));
    await chair.page.reload();
    await expect(english(chair.page)).toBeVisible();
    await expect(french(chair.page)).toHaveCount(0);

    await chair.context.close();
    await member.context.close();
  });

  test("at 360 px side by side shows one text with a notice", async ({ browser }) => {
    const draftId = await newDraft(browser, `Bilingual narrow ${Date.now()}`);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await signInApi(context.request, "member@demo.test");
    const page = await context.newPage();
    await page.goto(`/drafts/${draftId}?text=both`);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    await expect(page.getByTestId("narrow-notice")).toBeVisible();
    await expect(english(page)).toBeVisible();
    await expect(french(page)).toHaveCount(0);
    // The view switch, the notice and the text fit the screen (the toolbar row is not this spec's).
    for (const part of [page.getByTestId("text-view"), page.getByTestId("narrow-notice"), page.getByTestId("text-columns")]) {
      const box = (await part.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    await context.close();
  });

  for (const locale of ["en", "fr"] as const) {
    test(`axe finds no serious or critical violation in the side-by-side view (${locale} interface)`, async ({ browser }) => {
      const draftId = await newDraft(browser, `Bilingual a11y ${locale} ${Date.now()}`);
      const context = await browser.newContext();
      await signInApi(context.request, "member@demo.test");
      expect((await context.request.post("/api/me/locale", { data: { locale } })).ok()).toBeTruthy();
      try {
        const page = await context.newPage();
        await page.goto(`/drafts/${draftId}?text=both`);
        await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
        await expect(french(page)).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const serious = result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
        expect(serious).toEqual([]);
      } finally {
        await context.request.post("/api/me/locale", { data: { locale: "en" } });
        await context.close();
      }
    });
  }
});
