// Several people typing in the same paragraph at once (issue 11, item 1): every keystroke lands
// where its author's caret was, whatever the others insert or delete before it.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { userPage, newDraft } from "./helpers";

type Role = "chair" | "member" | "secretariat";

async function openDraft(browser: Browser, role: Role, draftId: string) {
  const user = await userPage(browser, role);
  await user.page.goto(`/drafts/${draftId}`);
  await expect(user.page.getByTestId("charter-editor")).toBeVisible();
  await expect(user.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
  return user;
}

/** The first paragraph of the first article: the one everybody types in. */
const paragraph = (page: Page) => page.locator(".charter section.clause").first().locator("p").first();

/** The paragraph's text as the document holds it (other people's caret labels are decorations). */
function paragraphText(page: Page): Promise<string> {
  return paragraph(page).evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collab-caret").forEach((caret) => caret.remove());
    return copy.textContent ?? "";
  });
}

/** Puts the caret after the first occurrence of `marker` in the shared paragraph, with the keyboard. */
async function caretAfter(page: Page, marker: string) {
  const text = await paragraphText(page);
  const at = text.indexOf(marker);
  expect(at, `"${marker}" in "${text}"`).toBeGreaterThanOrEqual(0);
  // Focus, not a click: a click could land on someone else's caret label.
  await page.locator(".charter .ProseMirror").focus();
  await page.keyboard.press("Control+End"); // the draft holds this one paragraph
  for (let i = text.length; i > at + marker.length; i--) await page.keyboard.press("ArrowLeft");
}

async function expectEveryone(pages: Page[], text: string) {
  for (const page of pages) await expect.poll(() => paragraphText(page)).toBe(text);
}

test.describe("co-editing one paragraph", () => {
  test("a remote insertion or deletion before the caret moves the caret with the text, both ways", async ({ browser }) => {
    const draftId = await newDraft(browser, `Co-editing pairs ${Date.now()}`);
    const chair = await openDraft(browser, "chair", draftId);
    const member = await openDraft(browser, "member", draftId);
    const pages = [chair.page, member.page];

    await caretAfter(chair.page, "");
    await chair.page.keyboard.type("Agencies shall give priority to saving lives.");
    await expectEveryone(pages, "Agencies shall give priority to saving lives.");

    // Remote insertion before the caret, then the member types.
    await caretAfter(member.page, "shall give priority");
    await caretAfter(chair.page, "");
    await chair.page.keyboard.type("Urgently, ");
    await expect.poll(() => paragraphText(member.page)).toBe("Urgently, Agencies shall give priority to saving lives.");
    await member.page.keyboard.type(" [MEMBER]");
    await expectEveryone(pages, "Urgently, Agencies shall give priority [MEMBER] to saving lives.");

    // The other way round: the chair's caret mid-paragraph, the member inserts before it.
    await caretAfter(chair.page, "saving");
    await caretAfter(member.page, "");
    await member.page.keyboard.type("All ");
    await expect.poll(() => paragraphText(chair.page)).toBe("All Urgently, Agencies shall give priority [MEMBER] to saving lives.");
    await chair.page.keyboard.type(" [CHAIR]");
    await expectEveryone(pages, "All Urgently, Agencies shall give priority [MEMBER] to saving [CHAIR] lives.");

    // Remote deletion before the caret, then the member types.
    await caretAfter(member.page, "[MEMBER]");
    await caretAfter(chair.page, "Urgently, ");
    for (let i = 0; i < "Urgently, ".length; i++) await chair.page.keyboard.press("Backspace");
    await expect.poll(() => paragraphText(member.page)).toBe("All Agencies shall give priority [MEMBER] to saving [CHAIR] lives.");
    await member.page.keyboard.type("!");
    await expectEveryone(pages, "All Agencies shall give priority [MEMBER]! to saving [CHAIR] lives.");

    // Remote deletion before the chair's caret, then the chair deletes: the right characters go.
    await caretAfter(chair.page, "[CHAIR]");
    await caretAfter(member.page, "All ");
    for (let i = 0; i < "All ".length; i++) await member.page.keyboard.press("Backspace");
    await expect.poll(() => paragraphText(chair.page)).toBe("Agencies shall give priority [MEMBER]! to saving [CHAIR] lives.");
    for (let i = 0; i < " [CHAIR]".length; i++) await chair.page.keyboard.press("Backspace");
    await expectEveryone(pages, "Agencies shall give priority [MEMBER]! to saving lives.");

    // Remote insertion before the member's caret, then the member deletes backwards.
    await caretAfter(member.page, "[MEMBER]!");
    await caretAfter(chair.page, "Agencies");
    await chair.page.keyboard.type(" and services");
    await expect.poll(() => paragraphText(member.page)).toBe("Agencies and services shall give priority [MEMBER]! to saving lives.");
    for (let i = 0; i < " [MEMBER]!".length; i++) await member.page.keyboard.press("Backspace");
    await expectEveryone(pages, "Agencies and services shall give priority to saving lives.");

    await chair.context.close();
    await member.context.close();
  });

  test("three people typing in one paragraph at once each keep their words intact", async ({ browser }) => {
    const draftId = await newDraft(browser, `Co-editing three ${Date.now()}`);
    const chair = await openDraft(browser, "chair", draftId);
    const member = await openDraft(browser, "member", draftId);
    const secretariat = await openDraft(browser, "secretariat", draftId);
    const pages = [chair.page, member.page, secretariat.page];

    await caretAfter(chair.page, "");
    await chair.page.keyboard.type("Border agencies shall cooperate.");
    await expectEveryone(pages, "Border agencies shall cooperate.");

    await caretAfter(chair.page, "Border");
    await caretAfter(member.page, "shall");
    await caretAfter(secretariat.page, "cooperate.");
    const typed: [Page, string][] = [
      [chair.page, " ALPHA-BRAVO-CHARLIE"],
      [member.page, " SIMULTANEOUS-MEMBER-TEXT"],
      [secretariat.page, " SECRETARIAT-WORDS-HERE"],
    ];
    // Interleaved keystrokes, nobody waits for the others' changes to arrive.
    const longest = Math.max(...typed.map(([, s]) => s.length));
    for (let i = 0; i < longest; i++) {
      for (const [page, s] of typed) if (i < s.length) await page.keyboard.type(s[i]);
    }

    const expected = "Border ALPHA-BRAVO-CHARLIE agencies shall SIMULTANEOUS-MEMBER-TEXT cooperate. SECRETARIAT-WORDS-HERE";
    await expectEveryone(pages, expected);

    await chair.context.close();
    await member.context.close();
    await secretariat.context.close();
  });
});
