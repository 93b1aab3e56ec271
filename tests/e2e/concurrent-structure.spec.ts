// Concurrent deletions must never make a browser delete content (issue 11, item 2). Two real
// y-websocket clients make the concurrent edits against the running server; then a browser opens
// the draft, and the stored document and the clause index must still hold every article.
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { appendBlocks, readClauses, type BlockSpec } from "../../lib/editor/ydoc";
import { YDOC_FIELD } from "../../lib/editor/schema";
import { signInApi, userPage } from "./helpers";

type Role = "chair" | "member" | "secretariat";

async function apiAs(browser: Browser, role: Role): Promise<APIRequestContext> {
  const context = await browser.newContext();
  await signInApi(context.request, `${role}@demo.test`);
  return context.request;
}

/** A real y-websocket client with the user's collaboration token, synced with the server. */
async function socketClient(api: APIRequestContext, draftId: string) {
  const access = (await (await api.get(`/api/drafts/${draftId}/collab`)).json()) as { url: string; room: string; token: string };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(access.url, access.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: access.token },
    disableBc: true,
  });
  await expect.poll(() => provider.synced).toBe(true);
  // A token opens one socket: every reconnection asks for a fresh one, as the browser does.
  const reconnect = async () => {
    const fresh = (await (await api.get(`/api/drafts/${draftId}/collab`)).json()) as { token: string };
    provider.params = { token: fresh.token };
    provider.connect();
  };
  return { doc, provider, reconnect };
}
type SocketClient = Awaited<ReturnType<typeof socketClient>>;

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(YDOC_FIELD);

function clauseElement(doc: Y.Doc, clauseId: string): Y.XmlElement {
  const found = fragmentOf(doc)
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId);
  if (!found) throw new Error(`no article ${clauseId}`);
  return found;
}

/** Both clients go offline, each makes its edit, both come back: the edits are truly concurrent. */
async function concurrently(a: SocketClient, b: SocketClient, editA: (doc: Y.Doc) => void, editB: (doc: Y.Doc) => void) {
  a.provider.disconnect();
  b.provider.disconnect();
  editA(a.doc);
  editB(b.doc);
  await a.reconnect();
  await b.reconnect();
  await expect.poll(() => fragmentOf(a.doc).toString() === fragmentOf(b.doc).toString() && a.provider.synced && b.provider.synced).toBe(true);
}

/** A new draft whose text is `blocks` (written by the secretariat through the socket). */
async function draftWith(browser: Browser, title: string, blocks: (cite: (key: string) => { cite: { sourceItemId: string; key: string } }) => BlockSpec[]) {
  const api = await apiAs(browser, "secretariat");
  const created = await api.post("/api/drafts", { data: { title } });
  expect(created.ok()).toBeTruthy();
  const { id } = (await created.json()) as { id: string };
  const sources = (await (await api.get("/api/sources")).json()) as { id: string; key: string }[];
  const cite = (key: string) => {
    const item = sources.find((s) => s.key === key);
    if (!item) throw new Error(`no source ${key}`);
    return { cite: { sourceItemId: item.id, key } };
  };
  const writer = await socketClient(api, id);
  writer.doc.transact(() => fragmentOf(writer.doc).delete(0, fragmentOf(writer.doc).length));
  appendBlocks(writer.doc, blocks(cite));
  const count = blocks(cite).filter((b) => !("chapter" in b)).length;
  await expect.poll(async () => (await (await api.get(`/api/drafts/${id}/clauses`)).json()).length).toBe(count);
  writer.provider.destroy();
  return { id, api };
}

interface IndexRow {
  clauseId: string;
  number: number;
  heading: string;
  text: string;
  citations: { key: string }[];
}
const clauseIndex = async (api: APIRequestContext, draftId: string) => (await (await api.get(`/api/drafts/${draftId}/clauses`)).json()) as IndexRow[];

test.describe("concurrent deletions", () => {
  test("an article whose two paragraphs two people deleted at once survives a browser opening the draft", async ({ browser }) => {
    const { id, api } = await draftWith(browser, `Concurrent paragraph deletions ${Date.now()}`, (cite) => [
      { chapter: "Chapter I — Principles" },
      { clauseId: "art-1", heading: "Respect for rights and dignity", paragraphs: [["Border management shall respect human rights.", " ", cite("MKH23-CON-01")]] },
      { clauseId: "art-2", heading: "Shared responsibility", paragraphs: [["Partner countries share responsibility.", " ", cite("MKH23-CON-03")]] },
      {
        clauseId: "art-3",
        heading: "Screening of vulnerable migrants",
        paragraphs: [
          ["National agencies shall establish a common procedural framework.", " ", cite("MKH23-REC-07")],
          ["Identification teams shall include social workers.", " ", cite("MKH23-REC-03")],
        ],
      },
      { clauseId: "art-4", heading: "Protection of lives", paragraphs: [["Agencies shall give priority to saving lives.", " ", cite("MKH23-CON-04")]] },
      { clauseId: "art-5", heading: "Training and exchange", paragraphs: [["The signatories shall support platforms.", " ", cite("MKH23-REC-05")]] },
    ]);

    const chairSocket = await socketClient(await apiAs(browser, "chair"), id);
    const memberSocket = await socketClient(await apiAs(browser, "member"), id);
    await concurrently(
      chairSocket,
      memberSocket,
      (doc) => clauseElement(doc, "art-3").delete(2, 1), // the chair deletes the second paragraph
      (doc) => clauseElement(doc, "art-3").delete(1, 1), // the member deletes the first
    );
    expect(readClauses(chairSocket.doc).find((c) => c.clauseId === "art-3")).toMatchObject({ heading: "Screening of vulnerable migrants", text: "" });
    chairSocket.provider.destroy();
    memberSocket.provider.destroy();

    // A browser opens the draft and edits another article.
    const { page, context } = await userPage(browser, "chair");
    await page.goto(`/drafts/${id}`);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    const articles = page.locator(".charter section.clause");
    await expect(articles).toHaveCount(5);
    await expect(articles.nth(2)).toHaveAttribute("data-clause-id", "art-3");
    await expect(articles.nth(2).locator("h3")).toHaveText("Screening of vulnerable migrants");
    await articles.nth(0).locator("p").first().click();
    await page.keyboard.press("End");
    await page.keyboard.type(" Opened.");

    // Once the browser's edit is indexed, anything its opening did is stored too.
    await expect.poll(async () => (await clauseIndex(api, id))[0]?.text ?? "").toContain("Opened.");
    const index = await clauseIndex(api, id);
    expect(index.map((c) => [c.clauseId, c.number, c.heading])).toEqual([
      ["art-1", 1, "Respect for rights and dignity"],
      ["art-2", 2, "Shared responsibility"],
      ["art-3", 3, "Screening of vulnerable migrants"],
      ["art-4", 4, "Protection of lives"],
      ["art-5", 5, "Training and exchange"],
    ]);
    expect(index.map((c) => c.citations.map((r) => r.key))).toEqual([["MKH23-CON-01"], ["MKH23-CON-03"], [], ["MKH23-CON-04"], ["MKH23-REC-05"]]);
    const reader = await socketClient(api, id);
    expect(readClauses(reader.doc).map((c) => c.clauseId)).toEqual(["art-1", "art-2", "art-3", "art-4", "art-5"]);
    reader.provider.destroy();

    // and whoever opens it next still sees the article
    await page.reload();
    await expect(articles).toHaveCount(5);
    await expect(articles.nth(2).locator("h3")).toHaveText("Screening of vulnerable migrants");
    await context.close();
  });

  test("a document emptied by two concurrent deletions opens on an empty article to write in", async ({ browser }) => {
    const { id, api } = await draftWith(browser, `Concurrent document deletions ${Date.now()}`, (cite) => [
      { chapter: "Chapter I — Principles" },
      { clauseId: "art-1", heading: "Respect for rights and dignity", paragraphs: [["Border management shall respect human rights.", " ", cite("MKH23-CON-01")]] },
      { clauseId: "art-2", heading: "Shared responsibility", paragraphs: [["Partner countries share responsibility."]] },
    ]);
    const chairSocket = await socketClient(await apiAs(browser, "chair"), id);
    const memberSocket = await socketClient(await apiAs(browser, "member"), id);
    await concurrently(
      chairSocket,
      memberSocket,
      (doc) => fragmentOf(doc).delete(0, 2), // the chair deletes the chapter and its first article
      (doc) => fragmentOf(doc).delete(2, 1), // the member deletes the second article
    );
    expect(fragmentOf(chairSocket.doc).length).toBe(0);
    chairSocket.provider.destroy();
    memberSocket.provider.destroy();

    const { page, context } = await userPage(browser, "chair");
    await page.goto(`/drafts/${id}`);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
    await expect(page.locator(".charter section.clause")).toHaveCount(1);
    await expect(page.locator(".charter h2")).toHaveCount(0);
    await page.locator(".charter .ProseMirror").focus();
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("Written after everything was deleted");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Its first paragraph.");
    await expect
      .poll(async () => (await clauseIndex(api, id)).map((c) => [c.number, c.heading, c.text]))
      .toEqual([[1, "Written after everything was deleted", "Its first paragraph."]]);
    await context.close();
  });
});
