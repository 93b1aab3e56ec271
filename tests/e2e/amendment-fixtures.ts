// Fixtures for the register and session journeys: a draft of its own with known articles
// (written through a real y-websocket client, as the editor would), members of other
// delegations (created by the secretariat through the API), and amendments proposed through
// the API by the members themselves.
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { liveSocket } from "./live-socket";
import * as Y from "yjs";
import { appendBlocks, type BlockSpec } from "../../lib/editor/ydoc";
import { YDOC_FIELD } from "../../lib/editor/schema";
import { anchorOnPassage } from "../../lib/comments/anchor";
import type { CommentAnchor } from "../../lib/contracts/comments";
import { signInApi } from "./helpers";

export interface User {
  context: BrowserContext;
  page: Page;
  api: APIRequestContext;
}

export async function signedIn(browser: Browser, email: string, password?: string): Promise<User> {
  const context = await browser.newContext();
  await signInApi(context.request, email, password);
  return { context, page: await context.newPage(), api: context.request };
}

export const demoUser = (browser: Browser, role: "chair" | "member" | "secretariat" | "viewer" | "observer") => signedIn(browser, `${role}@demo.test`);

/** A member of `delegation` created by the secretariat, signed in in a context of her own. */
export async function newMember(browser: Browser, secretariat: APIRequestContext, delegation: string): Promise<User> {
  const email = `${delegation.toLowerCase().replace(/[^a-z]/g, "")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  const password = "amendments-2026";
  const res = await secretariat.post("/api/members", { data: { email, name: `Delegate of ${delegation}`, delegation, role: "member", password } });
  expect(res.status(), await res.text()).toBe(201);
  return signedIn(browser, email, password);
}

/** Connects to the draft's live document through a real socket, runs `read` on it once synced. */
async function withLiveDoc<T>(api: APIRequestContext, draftId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const { doc, provider } = await liveSocket(api, draftId);
  try {
    return read(doc);
  } finally {
    provider.destroy();
  }
}

/**
 * The anchor an editor sends for a selection of `exact` (Yjs relative positions and the quote),
 * so the passage follows edits inside it; a quote alone is only found again while unchanged.
 */
export async function editorAnchor(api: APIRequestContext, draftId: string, clauseId: string, exact: string): Promise<CommentAnchor> {
  const anchor = await withLiveDoc(api, draftId, (doc) => anchorOnPassage(doc, clauseId, exact));
  expect(anchor, `"${exact}" in ${clauseId}`).not.toBeNull();
  return anchor!;
}

/** A new draft whose text is `blocks`, written through a real socket by `author` (a lead). */
export async function draftWith(author: APIRequestContext, title: string, blocks: BlockSpec[]): Promise<string> {
  const created = await author.post("/api/drafts", { data: { title } });
  expect(created.ok()).toBeTruthy();
  const { id } = (await created.json()) as { id: string };
  const { doc, provider } = await liveSocket(author, id);
  try {
    const fragment = doc.getXmlFragment(YDOC_FIELD);
    doc.transact(() => fragment.delete(0, fragment.length));
    appendBlocks(doc, blocks);
    const articles = blocks.filter((b) => !("chapter" in b)).length;
    await expect.poll(async () => (await (await author.get(`/api/drafts/${id}/clauses`)).json()).length).toBe(articles);
  } finally {
    provider.destroy();
  }
  return id;
}

/** Three articles; article 2 has two sentences so two amendments can target different places. */
export const THREE_ARTICLES: BlockSpec[] = [
  { clauseId: "art-1", heading: "Respect for rights", paragraphs: [["Border management shall respect human rights."]] },
  { clauseId: "art-2", heading: "Shared responsibility", paragraphs: [["Partner countries share responsibility. Agencies shall cooperate in good faith."]] },
  { clauseId: "art-3", heading: "Training", paragraphs: [["The signatories shall support exchange platforms."]] },
];

export interface Proposal {
  clauseId: string;
  op: "ADD" | "MOD" | "SUP" | "NOC";
  type?: "ge" | "te" | "ed";
  exact?: string;
  /** An anchor as the editor builds it (editorAnchor); without it, the quote `exact` alone. */
  anchor?: CommentAnchor;
  proposedText?: string;
  rationale: string;
  cosponsors?: string[];
  submit?: boolean;
}

export interface Proposed {
  id: string;
  number: string | null;
  status: string;
}

export async function propose(api: APIRequestContext, draftId: string, p: Proposal): Promise<Proposed> {
  const res = await api.post(`/api/drafts/${draftId}/amendments`, {
    data: {
      clauseId: p.clauseId,
      op: p.op,
      type: p.type ?? "te",
      ...(p.anchor ? { anchor: p.anchor } : p.exact ? { anchor: { clauseId: p.clauseId, exact: p.exact } } : {}),
      ...(p.proposedText ? { proposedText: p.proposedText } : {}),
      rationale: p.rationale,
      cosponsors: p.cosponsors ?? [],
      submit: p.submit ?? true,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Proposed;
}

export async function setLocale(api: APIRequestContext, locale: "en" | "fr") {
  expect((await api.post("/api/me/locale", { data: { locale } })).ok()).toBeTruthy();
}
