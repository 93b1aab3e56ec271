import { expect, test, type Page } from "@playwright/test";
import { openDemoDraft, userPage } from "./helpers";

// Issue 11, item 2b: the chair moves an article with the toolbar while a member types inside it.
// The member's socket is proxied (page.routeWebSocket) and what the server sends her is held back,
// as network latency would: she types into the article before her editor has seen the move.

const TYPED = " Typed by the member while the chair moved this article.";

const article = (page: Page, clauseId: string) => page.locator(`.charter section.clause[data-clause-id="${clauseId}"]`);
/** The document's text, without other people's caret labels (editor decorations, not content). */
const textOf = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    // Carets and what amendment widgets draw (the sponsor alone sees her private draft's) are not content.
    copy.querySelectorAll(".collab-caret, .ProseMirror-widget").forEach((drawn) => drawn.remove());
    return copy.textContent ?? "";
  });
const articleText = (page: Page, clauseId: string) => textOf(page, `.charter section.clause[data-clause-id="${clauseId}"]`);
const clauseOrder = (page: Page) => page.locator(".charter section.clause").evaluateAll((els) => els.map((el) => el.getAttribute("data-clause-id")));

test("a member's text typed inside an article the chair moves survives the move", async ({ browser }) => {
  const member = await userPage(browser, "member");
  let holdFromServer = false;
  const held: (() => void)[] = [];
  await member.page.routeWebSocket(/\/collab\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (holdFromServer) held.push(() => ws.send(message));
      else ws.send(message);
    });
  });
  const chair = await userPage(browser, "chair");
  const viewer = await userPage(browser, "viewer"); // watches what the server has
  await openDemoDraft(member.page);
  await openDemoDraft(chair.page);
  await openDemoDraft(viewer.page);

  const before = await clauseOrder(chair.page);
  // An article followed by another article (not a chapter title), so "Move down" swaps the two.
  const moved = await chair.page.locator(".charter section.clause").evaluateAll((els) =>
    els.find((el, i) => i >= 1 && el.nextElementSibling?.matches("section.clause"))!.getAttribute("data-clause-id")!,
  );
  const at = before.indexOf(moved);
  const expectedOrder = [...before];
  expectedOrder.splice(at, 2, before[at + 1], moved);

  // The member's caret at the end of the article's first paragraph.
  // At the paragraph's first words: the demo's amendments draw widgets in its middle.
  await article(member.page, moved).locator("p").first().click({ position: { x: 3, y: 8 } });
  await member.page.keyboard.press("End");
  holdFromServer = true;

  // The chair moves the article down; the server has it once the viewer shows it.
  await article(chair.page, moved).locator("p").first().click({ position: { x: 3, y: 8 } });
  await chair.page.getByRole("button", { name: "Article actions" }).click();
  await chair.page.getByRole("button", { name: "Move down" }).click();
  await expect.poll(() => clauseOrder(viewer.page)).toEqual(expectedOrder);

  // The member, not yet aware of the move, types inside the article.
  await member.page.keyboard.type(TYPED);
  await expect.poll(() => clauseOrder(member.page)).toEqual(before); // she really had not seen it

  holdFromServer = false;
  for (const send of held.splice(0)) send();

  for (const page of [member.page, chair.page, viewer.page]) {
    await expect.poll(() => clauseOrder(page)).toEqual(expectedOrder);
    await expect.poll(() => articleText(page, moved)).toContain(TYPED);
  }
  const chairText = await textOf(chair.page, ".charter .ProseMirror");
  expect(chairText.split(TYPED.trim()).length).toBe(2); // exactly once
  expect(await textOf(member.page, ".charter .ProseMirror")).toBe(chairText);

  // The stored document agrees.
  await viewer.page.reload();
  await expect.poll(() => articleText(viewer.page, moved)).toContain(TYPED);
  expect(await clauseOrder(viewer.page)).toEqual(expectedOrder);

  await member.context.close();
  await chair.context.close();
  await viewer.context.close();
});
