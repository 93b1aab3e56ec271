// Issue 13, item 5, as delegates see it in the English editor: comments and amendments on the
// French text are listed with an FR tag (named "French text" for screen readers), never drawn on
// the English text; English ones carry EN and are drawn; the propose dialog says which text it
// amends; the API refuses a text language other than en or fr.
import { expect, test } from "@playwright/test";
import { liveSocket } from "./live-socket";
import * as Y from "yjs";
import { fragmentOf } from "../../lib/editor/languages";
import { demoUser, draftWith, THREE_ARTICLES } from "./amendment-fixtures";
import { selectInEditor } from "./helpers";

const FRENCH: Record<string, string> = {
  "art-1": "La gestion des frontières respecte les droits humains.",
  "art-2": "Les pays partenaires partagent la responsabilité.",
  "art-3": "Les signataires soutiennent des plateformes d'échange.",
};

test("French comments and amendments are tagged FR and not drawn on the English text; a bad text language is a 400", async ({ browser }) => {
  test.setTimeout(120_000);
  const secretariat = await demoUser(browser, "secretariat");
  const member = await demoUser(browser, "member");
  try {
    const draftId = await draftWith(secretariat.api, `Bilingual anchors ${Date.now()}`, THREE_ARTICLES);

    // A translator writes the French text through a real socket, as the French editor would.
    const { doc, provider } = await liveSocket(secretariat.api, draftId);
    try {
      await expect.poll(() => fragmentOf(doc, "fr").length).toBe(3); // the server's empty French articles
      doc.transact(() => {
        for (const clause of fragmentOf(doc, "fr").toArray() as Y.XmlElement[]) {
          (clause.get(1) as Y.XmlElement).insert(0, [new Y.XmlText(FRENCH[String(clause.getAttribute("clauseId"))])]);
        }
      });
      // Stored once the server anchors a quote of it (a comment on the French text).
      await expect
        .poll(async () => (await member.api.post(`/api/drafts/${draftId}/comments`, { data: { lang: "fr", anchor: { clauseId: "art-1", exact: "droits humains" }, body: "Droits de l'homme ?" } })).status())
        .toBe(201);
    } finally {
      provider.destroy();
    }
    const english = await member.api.post(`/api/drafts/${draftId}/comments`, { data: { anchor: { clauseId: "art-1", exact: "human rights" }, body: "Which rights?" } });
    expect(english.status()).toBe(201);
    const threads = (await (await member.api.get(`/api/drafts/${draftId}/comments`)).json()) as { id: string; lang: string }[];
    const frThread = threads.find((t) => t.lang === "fr")!;
    const enThread = threads.find((t) => t.lang === "en")!;

    const amendment = await member.api.post(`/api/drafts/${draftId}/amendments`, {
      data: { lang: "fr", clauseId: "art-2", op: "MOD", anchor: { clauseId: "art-2", exact: "partagent" }, proposedText: "assument ensemble", rationale: "Plus précis.", submit: true },
    });
    expect(amendment.status(), await amendment.text()).toBe(201);
    const frAmendment = (await amendment.json()) as { id: string; lang: string };
    expect(frAmendment.lang).toBe("fr");
    const enCreated = await member.api.post(`/api/drafts/${draftId}/amendments`, {
      data: { clauseId: "art-2", op: "MOD", anchor: { clauseId: "art-2", exact: "share responsibility" }, proposedText: "bear responsibility together", rationale: "Clearer.", submit: true },
    });
    expect(enCreated.status(), await enCreated.text()).toBe(201);
    const enAmendment = (await enCreated.json()) as { id: string; lang: string };
    expect(enAmendment.lang).toBe("en");

    // Bad languages: a clear 400, nothing stored.
    const badComment = await member.api.post(`/api/drafts/${draftId}/comments`, { data: { lang: "de", anchor: { clauseId: "art-1", exact: "human rights" }, body: "?" } });
    expect(badComment.status()).toBe(400);
    expect(((await badComment.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "invalid", message: expect.stringContaining("en or fr") });
    expect((await member.api.get(`/api/drafts/${draftId}/amendments?lang=es`)).status()).toBe(400);
    const frOnly = (await (await member.api.get(`/api/drafts/${draftId}/amendments?lang=fr`)).json()) as unknown[];
    expect(frOnly).toHaveLength(1);
    expect(((await (await member.api.get(`/api/drafts/${draftId}/amendments`)).json()) as unknown[]).length).toBe(2);
    expect(((await (await member.api.get(`/api/drafts/${draftId}/comments`)).json()) as unknown[]).length).toBe(2);

    // The English editor: the English thread is highlighted, the French one only listed, tagged FR.
    const page = member.page;
    await page.goto(`/drafts/${draftId}`);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    const editor = page.getByTestId("charter-editor");
    await expect(editor.locator(`[data-thread-id="${enThread.id}"]`)).toHaveText("human rights");
    await page.getByRole("tab", { name: /Comments/ }).click();
    const panel = page.getByTestId("comments-panel");
    const frCard = panel.locator(`[data-thread-id="${frThread.id}"]`);
    await expect(frCard.getByTestId("text-lang-tag")).toHaveText("FRFrench text");
    await expect(frCard.getByTestId("text-lang-tag").locator("[aria-hidden=true]")).toHaveText("FR");
    await expect(panel.locator(`[data-thread-id="${enThread.id}"]`).getByTestId("text-lang-tag")).toContainText("EN");
    // Listed as open (the server's status), not orphaned by the English text it is not in.
    await expect(frCard).toHaveClass(/thread-open/);
    await expect(editor.locator(`[data-thread-id="${frThread.id}"]`)).toHaveCount(0);

    // The French amendment is listed with its tag and not drawn over the English text.
    await page.getByTestId("amendments-tab").click();
    const amendments = page.getByTestId("amendments-panel");
    await amendments.getByRole("button", { name: /All articles/ }).click();
    await expect(amendments.locator(`[data-testid=amendment]:has-text("assument ensemble")`).getByTestId("text-lang-tag")).toContainText("FR");
    await expect(amendments.locator(`[data-testid=amendment]:has-text("bear responsibility together")`).getByTestId("text-lang-tag")).toContainText("EN");
    await expect(editor.locator(`[data-amendment-id="${enAmendment.id}"]`)).toBeVisible();
    await expect(editor.locator(`[data-amendment-id="${frAmendment.id}"]`)).toHaveCount(0);

    // Proposing from the English editor amends the English text, and the dialog says so.
    await selectInEditor(page, "exchange platforms");
    await page.getByRole("button", { name: "Propose amendment" }).click();
    const dialog = page.getByRole("dialog", { name: "Amendment to Article 3" });
    await expect(dialog.getByTestId("proposal-text-lang")).toContainText("This amendment changes the English text.");
  } finally {
    await secretariat.context.close();
    await member.context.close();
  }
});
