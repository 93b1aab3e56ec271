// Issue 12's "Done when" journey, end to end through the real UI, one browser context per person:
// the chair opens the amendments phase; Senegal and Ghana (members of two delegations) propose
// competing wordings of one passage of Article 2 from the editor; Tunisia co-sponsors Senegal's
// from the Amendments panel; the chair steps through them in the session view with the keyboard,
// declines Ghana's with a reason and accepts Senegal's; the accepted text reaches the members'
// open editors; the sponsors see the outcome in the panel and a notification; the register and
// the disposition table (DOCX) record both decisions. On a draft of its own, with members created
// for the occasion, so nothing depends on what other journeys left behind.
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { demoUser, draftWith, newMember, THREE_ARTICLES, type User } from "./amendment-fixtures";
import { selectInEditor } from "./helpers";

const PASSAGE = "share responsibility";
const SENEGAL_TEXT = "share responsibility equitably";
const GHANA_TEXT = "bear a common responsibility";
const REASON = "The committee prefers Senegal's wording.";

async function openDraft(page: Page, id: string) {
  await page.goto(`/drafts/${id}`);
  await expect(page.getByTestId("charter-editor")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
}

const article2 = (page: Page) => page.locator('.charter section.clause[data-clause-id="art-2"]');

/** Selects the passage, opens "Propose amendment", replaces the text and submits with reasons; returns the number. */
async function proposeInEditor(page: Page, passage: string, replacement: string, reasons: string): Promise<string> {
  await selectInEditor(page, passage);
  await page.getByRole("button", { name: "Propose amendment" }).click();
  const dialog = page.getByRole("dialog", { name: "Amendment to Article 2" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(".proposal-quote")).toHaveText(passage);
  await expect(dialog.getByRole("radio", { name: /MOD/ })).toBeChecked();
  await page.getByTestId("proposal-editor").locator("p").first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.type(replacement);
  await expect(page.getByTestId("proposal-editor")).toHaveText(replacement);
  await dialog.getByRole("textbox", { name: "Reasons" }).fill(reasons);
  await dialog.getByRole("button", { name: "Submit" }).click();
  await expect(dialog).toBeHidden();
  const mine = page.getByTestId("amendments-panel").getByTestId("amendment").filter({ hasText: replacement });
  await expect(mine).toContainText("submitted");
  const number = await mine.getAttribute("data-number");
  expect(number).toMatch(/^AM-\d{3}$/);
  return number!;
}

async function openAllAmendments(page: Page) {
  await page.getByTestId("amendments-tab").click();
  const panel = page.getByTestId("amendments-panel");
  await panel.getByRole("button", { name: "All articles" }).click();
  return panel;
}

/** The rows of the DOCX's tables as plain text, one string per row. */
function docxRows(bytes: Buffer): string[] {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))["word/document.xml"]);
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(" ").replace(/&amp;/g, "&").replace(/&#39;|&apos;/g, "'"),
  );
}

test("the amendments journey: phase, competing proposals, a co-sponsor, the session's decisions, the outcome for sponsors, register and DOCX", async ({ browser }) => {
  test.setTimeout(300_000);
  const secretariat = await demoUser(browser, "secretariat");
  const chair = await demoUser(browser, "chair");
  const senegal = await newMember(browser, secretariat.api, "Senegal");
  const ghana = await newMember(browser, secretariat.api, "Ghana");
  const tunisia = await newMember(browser, secretariat.api, "Tunisia");
  const everyone: User[] = [secretariat, chair, senegal, ghana, tunisia];
  try {
    const draftId = await draftWith(secretariat.api, `Amendments journey ${Date.now()}`, THREE_ARTICLES);
    for (const u of [chair, senegal, ghana, tunisia]) await openDraft(u.page, draftId);

    // 1. The chair opens the amendments phase; the members' open editors turn read-only at once.
    await chair.page.getByTestId("phase-select").selectOption("amendments");
    await chair.page.getByRole("button", { name: "Apply" }).click();
    for (const u of [chair, senegal, ghana, tunisia]) await expect(u.page.getByTestId("phase-banner")).toHaveAttribute("data-phase", "amendments");
    for (const u of [senegal, ghana, tunisia]) await expect(u.page.locator(".charter .ProseMirror").first()).toHaveAttribute("contenteditable", "false");

    // 2. Two delegations propose competing wordings of the same passage of Article 2.
    const senegalNumber = await proposeInEditor(senegal.page, PASSAGE, SENEGAL_TEXT, "Equity between countries of origin and destination.");
    const ghanaNumber = await proposeInEditor(ghana.page, PASSAGE, GHANA_TEXT, "A common responsibility is clearer.");
    expect(senegalNumber).not.toBe(ghanaNumber);
    // The text shows them as alternatives: [Senegal's wording / Ghana's wording].
    const bracket = tunisia.page.locator('.charter [data-testid="amendment-proposal"]');
    await expect(bracket).toHaveCount(1);
    await expect(bracket).toContainText(`${senegalNumber} · Senegal`);
    await expect(bracket).toContainText(`${ghanaNumber} · Ghana`);
    await expect(bracket.locator(".amendment-bracket")).toHaveText(["[", " / ", "]"]);

    // 3. Tunisia co-sponsors Senegal's from the Amendments panel; Senegal sees it live.
    const tunisiaPanel = await openAllAmendments(tunisia.page);
    const senegalsForTunisia = tunisiaPanel.locator(`[data-testid=amendment][data-number="${senegalNumber}"]`);
    await senegalsForTunisia.getByRole("button", { name: "Co-sponsor for Tunisia" }).click();
    await expect(senegalsForTunisia).toContainText("co-sponsors: Tunisia");
    const senegalPanel = await openAllAmendments(senegal.page);
    const senegalsOwn = senegalPanel.locator(`[data-testid=amendment][data-number="${senegalNumber}"]`);
    await expect(senegalsOwn).toContainText("co-sponsors: Tunisia");
    const ghanaPanel = await openAllAmendments(ghana.page);
    const ghanasOwn = ghanaPanel.locator(`[data-testid=amendment][data-number="${ghanaNumber}"]`);

    // 4. The chair steps through them in the session view, in article order, with the keyboard.
    const session = await chair.context.newPage();
    await session.goto(`/drafts/${draftId}/session`);
    const current = session.getByTestId("session-current");
    const agenda = session.getByTestId("agenda-item");
    await expect(agenda).toHaveCount(2);
    await expect(current).toHaveAttribute("data-number", senegalNumber);
    await expect(current).toContainText("Senegal + Tunisia");
    await expect(current.getByTestId("pane-base")).toContainText(PASSAGE);
    await expect(current.getByTestId("pane-proposed")).toContainText(SENEGAL_TEXT);
    await session.getByLabel("Reading").fill("First reading, 12 March");
    await session.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // J takes Ghana's up: the members see it is being considered.
    await session.keyboard.press("j");
    await expect(current).toHaveAttribute("data-number", ghanaNumber);
    await expect(current.getByTestId("pane-proposed")).toContainText(GHANA_TEXT);
    await expect(ghana.page.getByTestId("amendment-considered")).toContainText(`${ghanaNumber} · Ghana`);

    // N with the reason: not accepted; it leaves the agenda and Senegal's is in view.
    await session.getByLabel("Observation").fill(REASON);
    await session.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await session.keyboard.press("n");
    await expect(session.getByTestId("session-info")).toHaveText(`${ghanaNumber}: Not accepted.`);
    await expect(agenda).toHaveCount(1);
    await expect(current).toHaveAttribute("data-number", senegalNumber);

    // A accepts Senegal's: the agenda is empty.
    await session.keyboard.press("a");
    await expect(session.getByTestId("session-info")).toHaveText(`${senegalNumber}: Accepted.`);
    await expect(agenda).toHaveCount(0);

    // 5. The accepted text is in every open editor, without a reload; Ghana's wording is not.
    for (const u of [senegal, ghana, tunisia, chair]) {
      await expect(article2(u.page)).toContainText(`Partner countries ${SENEGAL_TEXT}. Agencies shall cooperate in good faith.`);
      await expect(article2(u.page)).not.toContainText(GHANA_TEXT);
    }
    // The clause index is written by the update log's writer thread after the update: poll it.
    const indexedText = async () => ((await (await chair.api.get(`/api/drafts/${draftId}/clauses`)).json()) as { clauseId: string; text: string }[]).find((c) => c.clauseId === "art-2")!.text;
    await expect.poll(indexedText).toContain(`Partner countries ${SENEGAL_TEXT}.`);

    // 6. The sponsors see the outcome in their panel, live, and a notification.
    await expect(senegalsOwn.locator(".amendment-status")).toHaveText("accepted");
    await expect(ghanasOwn.locator(".amendment-status")).toHaveText("not accepted");
    for (const [u, number, outcome] of [
      [senegal, senegalNumber, "accepted"],
      [tunisia, senegalNumber, "accepted"],
      [ghana, ghanaNumber, "not accepted"],
    ] as const) {
      await expect(u.page.getByTestId("bell")).toHaveAttribute("data-unread", "1");
      await u.page.getByTestId("bell").click();
      await expect(u.page).toHaveURL(/\/notifications$/);
      const item = u.page.locator('[data-kind="amendment_decided"]');
      await expect(item).toHaveCount(1);
      await expect(item).toContainText(`Youssef Alaoui decided on ${number}: ${outcome}`);
    }

    // 7. The register shows both decisions, with who, the reason and the reading.
    await chair.page.goto(`/drafts/${draftId}/amendments/register`);
    const rows = chair.page.getByTestId("register-row");
    await expect(rows).toHaveCount(2);
    const accepted = rows.filter({ hasText: senegalNumber });
    const declined = rows.filter({ hasText: ghanaNumber });
    await expect(accepted.getByTestId("cell-delegations")).toHaveText("Senegal + Tunisia");
    await expect(accepted.getByTestId("cell-status")).toHaveText("Accepted");
    await expect(accepted.getByTestId("cell-decision")).toContainText("Youssef Alaoui");
    await expect(accepted.getByTestId("cell-decision")).toContainText("First reading, 12 March");
    await expect(declined.getByTestId("cell-delegations")).toHaveText("Ghana");
    await expect(declined.getByTestId("cell-status")).toHaveText("Not accepted");
    await expect(declined.getByTestId("cell-decision")).toContainText(REASON);
    await expect(declined.getByTestId("cell-decision")).toContainText("First reading, 12 March");
    const counts = chair.page.getByTestId("status-counts");
    await expect(counts.locator('[data-status="accepted"] .count')).toHaveText("1");
    await expect(counts.locator('[data-status="not_accepted"] .count')).toHaveText("1");

    // 8. The disposition table (DOCX) holds both numbers with their decisions.
    const docx = await chair.api.get(`/api/drafts/${draftId}/amendments/export?format=docx`);
    expect(docx.status()).toBe(200);
    const table = docxRows(await docx.body());
    const rowOf = (number: string) => table.filter((r) => r.includes(number));
    expect(rowOf(senegalNumber)).toHaveLength(1);
    expect(rowOf(ghanaNumber)).toHaveLength(1);
    expect(rowOf(senegalNumber)[0]).toMatch(/Senegal.*Tunisia/);
    expect(rowOf(senegalNumber)[0]).toContain("Accepted");
    expect(rowOf(ghanaNumber)[0]).toContain("Not accepted");
    expect(rowOf(ghanaNumber)[0]).toContain(REASON);
  } finally {
    for (const u of everyone) await u.context.close();
  }
});
