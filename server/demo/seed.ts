// Demo data for trying and testing (SEED_DEMO=1 only: it sets known passwords), run by
// server/main.ts at start-up. Goes through the domain functions like any other caller; safe to
// run again. (Not a Prisma seed: it needs the domain, so it lives in server/.)
import { db } from "@/server/db/client";
import { SYSTEM_ACTOR } from "@/server/domain/actor";
import { createMember, toActor } from "@/server/domain/members";
import { createDraft, indexDraftDoc } from "@/server/domain/drafts";
import { confirmAlignment } from "@/server/domain/alignment";
import { usersRepo } from "@/server/db/repositories/users";
import { sourcesRepo } from "@/server/db/repositories/sources";
import type { BlockSpec, InlineSpec } from "@/lib/editor/ydoc";
import { appendBlocks, readClauses } from "@/lib/editor/ydoc";
import { fragmentOf } from "@/lib/editor/languages";
import { alignLanguages } from "@/lib/editor/align-languages";
import { NODE } from "@/lib/editor/schema";
import { applyDraftChange, currentDraftState } from "@/server/domain/live-documents";
import { cosponsorAmendment, createAmendment, updateAmendment, withdrawAmendment } from "@/server/domain/amendments";
import { amendmentsRepo } from "@/server/db/repositories/amendments";
import { anchorOnPassage } from "@/lib/comments/anchor";
import type { Actor } from "@/server/domain/actor";
import * as Y from "yjs";
import { DEMO_ARTICLES_FR, DEMO_CHAPTERS_FR, type FrenchArticle } from "./charter-fr";

export const DEMO_PASSWORD = "charter-demo";
export const DEMO_DRAFT_TITLE = "Charter on Humanised Border Management — working draft";
export const DEMO_ACCOUNTS = [
  { email: "secretariat@demo.test", name: "Salma Bennani", role: "secretariat", delegation: "Rabat Process Secretariat" },
  { email: "chair@demo.test", name: "Youssef Alaoui", role: "chair", delegation: "Morocco" },
  { email: "member@demo.test", name: "Aminata Diallo", role: "member", delegation: "Senegal" },
  { email: "ghana@demo.test", name: "Kwame Mensah", role: "member", delegation: "Ghana" },
  { email: "france@demo.test", name: "Camille Laurent", role: "member", delegation: "France" },
  { email: "observer@demo.test", name: "Claire Martin", role: "observer", delegation: "UNHCR" },
  { email: "viewer@demo.test", name: "Jonas Weber", role: "viewer", delegation: "Germany — legal service" },
] as const;

export type Citations = Map<string, { sourceItemId: string; key: string }>;

/** The outcome document's items the demo text cites. */
export const DEMO_SOURCE_KEYS = ["MKH23-REC-03", "MKH23-REC-07", "MKH23-CON-01", "MKH23-CON-04", "MKH23-REC-05", "MKH23-CON-03"];

export async function citationsByKey(keys: string[]): Promise<Citations> {
  const items = await sourcesRepo.listItems(db(), {});
  const map: Citations = new Map();
  for (const item of items) if (keys.includes(item.key)) map.set(item.key, { sourceItemId: item.id, key: item.key });
  return map;
}

/** A citation of the source item `key` after a space (nothing when the outcome document lacks it). */
function citation(cites: Citations, key: string | undefined): InlineSpec[] {
  const ref = key ? cites.get(key) : undefined;
  return ref ? [" ", { cite: ref }] : [];
}

async function demoActor(email: string): Promise<Actor> {
  const user = await usersRepo.findByEmail(db(), email);
  const actor = user ? toActor(user) : null;
  if (!actor) throw new Error(`Demo account ${email} is missing or inactive.`);
  return actor;
}

export const DEMO_READING = "First reading, 12 March 2026";

/**
 * Amendments in each state, by members of several delegations, so a newcomer sees the feature at
 * once: AM-001 accepted, AM-002 submitted with a co-sponsor and AM-003 its alternative, AM-004
 * withdrawn, AM-005 not accepted, AM-006 deferred, and a private draft of Senegal's. Everything
 * goes through the domain as the chair's decisions do: accepting AM-001 applies its wording to
 * the text and makes the version history names it by. Its wording is new to the seeded text (also
 * to demo drafts created before amendments were seeded), so it applies to either.
 */
async function seedAmendments(draftId: string, cites: Citations): Promise<boolean> {
  if ((await amendmentsRepo.list(db(), draftId, {})).length) return false;
  const [chair, senegal, ghana, france] = await Promise.all(["chair@demo.test", "member@demo.test", "ghana@demo.test", "france@demo.test"].map(demoActor));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  const anchor = (clauseId: string, exact: string) => {
    const found = anchorOnPassage(doc, clauseId, exact);
    if (!found) throw new Error(`The demo text has no "${exact}" in ${clauseId}.`);
    return found;
  };
  const decide = (id: string, status: string, observation: string) => updateAmendment(chair, id, { status, observation, reading: DEMO_READING });
  try {
    const accepted = await createAmendment(senegal, draftId, {
      clauseId: "demo-art-1", op: "MOD", type: "te", submit: true,
      anchor: anchor("demo-art-1", "shall respect"),
      proposedText: "shall respect and protect",
      rationale: "States must protect these rights, not only refrain from violating them.",
    });
    await decide(accepted.id, "accepted", "Agreed by consensus.");
    const rec07 = cites.get("MKH23-REC-07");
    const senegalWording = await createAmendment(senegal, draftId, {
      clauseId: "demo-art-3", op: "MOD", type: "te", submit: true,
      anchor: anchor("demo-art-3", "a common procedural framework"),
      proposedText: "a common and binding procedural framework",
      rationale: "Recommendation 7 asks for procedures that every agency applies in the same way.",
      sources: rec07 ? [rec07.sourceItemId] : [],
    });
    await cosponsorAmendment(ghana, senegalWording.id);
    await createAmendment(france, draftId, {
      clauseId: "demo-art-3", op: "MOD", type: "ed", submit: true,
      anchor: anchor("demo-art-3", "a common procedural framework"),
      proposedText: "shared standard operating procedures",
      rationale: "The wording used by the agencies themselves.",
    });
    const withdrawn = await createAmendment(ghana, draftId, {
      clauseId: "demo-art-2", op: "NOC", type: "ge", submit: true,
      rationale: "Article 2 reflects the Marrakesh conclusions as they stand.",
    });
    await withdrawAmendment(ghana, withdrawn.id);
    const declined = await createAmendment(france, draftId, {
      clauseId: "demo-art-5", op: "SUP", type: "te", submit: true,
      anchor: anchor("demo-art-5", "and good practices on human rights"),
      rationale: "Training content is for each State to decide.",
    });
    await decide(declined.id, "not_accepted", "The committee keeps the reference to human rights, agreed at Marrakesh.");
    const deferred = await createAmendment(senegal, draftId, {
      clauseId: "demo-art-2", op: "ADD", type: "te", submit: true,
      proposedText: "Partner countries shall report every year on the cooperation under this article.",
      rationale: "Shared responsibility needs a way to see it exercised.",
    });
    await decide(deferred.id, "deferred", "Deferred to the second reading, pending consultation with capitals.");
    await createAmendment(senegal, draftId, {
      clauseId: "demo-art-4", op: "MOD", type: "te",
      anchor: anchor("demo-art-4", "give priority to saving lives"),
      proposedText: "save lives as their first duty",
      rationale: "Draft: to discuss with the delegation before submitting.",
    });
  } finally {
    doc.destroy();
  }
  return true;
}

/** The English text the demo draft starts from (before the first reading's amendments). */
export function demoContent(cites: Citations): BlockSpec[] {
  const cite = (key: string) => citation(cites, key);
  return [
    { chapter: "Chapter I — Principles" },
    {
      clauseId: "demo-art-1",
      heading: "Respect for rights and dignity",
      paragraphs: [["Border management by the signatories shall respect the human rights and dignity of every migrant, whatever their status, while preventing and combating migrant smuggling and trafficking in human beings.", ...cite("MKH23-CON-01")]],
    },
    {
      clauseId: "demo-art-2",
      heading: "Shared responsibility",
      paragraphs: [["Partner countries share responsibility for humanised border management and shall enhance their cooperation and coordination to that end.", ...cite("MKH23-CON-03")]],
    },
    { chapter: "Chapter II — Identification and protection at the border" },
    {
      clauseId: "demo-art-3",
      heading: "Screening of vulnerable migrants",
      paragraphs: [
        ["National agencies shall establish a common procedural framework for the identification and referral of victims of trafficking and vulnerable migrants.", ...cite("MKH23-REC-07")],
        ["Identification teams shall include social workers, cultural mediators and other qualified professionals.", ...cite("MKH23-REC-03")],
      ],
    },
    {
      clauseId: "demo-art-4",
      heading: "Protection of lives",
      paragraphs: [["Law enforcement agencies shall give priority to saving lives, in particular of persons in distress at sea, minors and victims of trafficking.", ...cite("MKH23-CON-04")]],
    },
    {
      clauseId: "demo-art-5",
      heading: "Training and exchange",
      paragraphs: [["The signatories shall support platforms where border authorities and law enforcement officers exchange experience and good practices on human rights.", ...cite("MKH23-REC-05")]],
    },
  ];
}

export async function seedDemo(): Promise<{ accounts: number; draftCreated: boolean }> {
  let accounts = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await usersRepo.findByEmail(db(), account.email)) continue;
    await createMember(SYSTEM_ACTOR, { ...account, password: DEMO_PASSWORD });
    accounts++;
  }
  const drafts = await db().draft.findMany({ where: { title: DEMO_DRAFT_TITLE }, select: { id: true } });
  const cites = await citationsByKey(DEMO_SOURCE_KEYS);
  if (drafts.length) {
    const amended = await seedAmendments(drafts[0].id, cites);
    const translated = await seedFrenchText(drafts[0].id, cites);
    if (amended || translated) await indexClauses(drafts[0].id);
    return { accounts, draftCreated: false };
  }
  const secretariat = await usersRepo.findByEmail(db(), "secretariat@demo.test");
  const actor = secretariat ? toActor(secretariat) : SYSTEM_ACTOR;
  const draft = await createDraft(actor, { title: DEMO_DRAFT_TITLE }, demoContent(cites));
  // In this order: the French text renders the English text as the first reading left it, so it
  // is confirmed against the English it translates.
  await seedAmendments(draft.id, cites);
  await seedFrenchText(draft.id, cites);
  await indexClauses(draft.id);
  return { accounts, draftCreated: true };
}

/**
 * The Charter in both languages, so a newcomer sees the bilingual feature at once: the
 * secretariat writes the French text (./charter-fr.ts) of every chapter and article, confirms
 * every article as aligned, then a member of Ghana's delegation changes Article 4's English text,
 * so that article shows "French text out of date". (Article 4: the journeys of the issue and of
 * JOURNEYS.md edit Articles 3 and 5 and expect their flag to appear then.) Only while the French
 * text is empty (a new demo draft, or one from before the Charter was bilingual, whose English
 * text is taken to be the seeded one), so seeding again changes nothing; returns whether it wrote.
 */
async function seedFrenchText(draftId: string, cites: Citations): Promise<boolean> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  const translated = readClauses(doc, "fr").some((c) => c.heading || c.text || c.chapter);
  doc.destroy();
  if (translated) return false;
  const [secretariat, ghana] = await Promise.all(["secretariat@demo.test", "ghana@demo.test"].map(demoActor));
  const clauseIds = Object.keys(DEMO_ARTICLES_FR);
  await applyDraftChange(draftId, (state) => frenchTextUpdate(state, cites), secretariat.id);
  // The seed runs without the collaboration server, which would name who changed each text.
  await indexClauses(draftId, new Map(clauseIds.map((id) => [`fr|${id}`, secretariat.id])));
  await confirmDemoAlignment(secretariat, draftId, clauseIds);
  await insertInArticle(draftId, "demo-art-4", "persons in distress at sea", " or on land", ghana);
  await indexClauses(draftId, new Map([["en|demo-art-4", ghana.id]]));
  return true;
}

/**
 * The secretariat confirms each article as aligned, after checking its French text against the
 * English one (the seed writes both, so they match).
 */
async function confirmDemoAlignment(secretariat: Actor, draftId: string, clauseIds: string[]): Promise<void> {
  for (const clauseId of clauseIds) await confirmAlignment(secretariat, draftId, clauseId);
}

/** The update that writes the French text into the empty French chapters and articles of `state`. */
function frenchTextUpdate(state: Uint8Array, cites: Citations): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      alignLanguages(doc); // a draft from before the Charter was bilingual has no French articles yet
      let chapter: Y.XmlElement | null = null; // the chapter just passed, until its first article
      for (const node of fragmentOf(doc, "fr").toArray()) {
        if (!(node instanceof Y.XmlElement)) continue;
        if (node.nodeName === NODE.chapter) {
          chapter = node;
          continue;
        }
        const clauseId = node.getAttribute("clauseId");
        if (node.nodeName !== NODE.clause || typeof clauseId !== "string") continue;
        const chapterTitle = DEMO_CHAPTERS_FR[clauseId];
        if (chapter && chapterTitle) replaceChildren(chapter, [new Y.XmlText(chapterTitle)]);
        chapter = null;
        const article = DEMO_ARTICLES_FR[clauseId];
        if (article) replaceChildren(node, articleContent(article, cites));
      }
    });
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
}

function replaceChildren(el: Y.XmlElement, children: (Y.XmlElement | Y.XmlText)[]): void {
  el.delete(0, el.length);
  el.insert(0, children);
}

/** The heading and paragraphs of a French article, built as every text is (appendBlocks). */
function articleContent(article: FrenchArticle, cites: Citations): Y.XmlElement[] {
  const scratch = new Y.Doc();
  try {
    appendBlocks(scratch, [{ heading: article.heading, paragraphs: article.paragraphs.map((p) => [p.text, ...citation(cites, p.cite)]) }], null, "fr");
    const built = fragmentOf(scratch, "fr").get(0) as Y.XmlElement;
    return built.toArray().flatMap((child) => (child instanceof Y.XmlElement ? [child.clone()] : []));
  } finally {
    scratch.destroy();
  }
}

/** A member's typing: inserts `insertion` right after `after` in one article's English text. */
async function insertInArticle(draftId: string, clauseId: string, after: string, insertion: string, by: Actor): Promise<void> {
  await applyDraftChange(
    draftId,
    (state) => {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, state);
        const before = Y.encodeStateVector(doc);
        const article = fragmentOf(doc, "en")
          .toArray()
          .find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId);
        const run = article instanceof Y.XmlElement ? textRuns(article).find((t) => t.toString().includes(after)) : undefined;
        if (!run) throw new Error(`The demo text has no "${after}" in ${clauseId}.`);
        run.insert(run.toString().indexOf(after) + after.length, insertion);
        return Y.encodeStateAsUpdate(doc, before);
      } finally {
        doc.destroy();
      }
    },
    by.id,
  );
}

function textRuns(el: Y.XmlElement): Y.XmlText[] {
  return el.toArray().flatMap((child) => (child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? textRuns(child) : []));
}

/**
 * The clause index from the stored text. The seed runs before the collaboration server (which
 * indexes what it stores), so the text it wrote, AM-001's acceptance included, is indexed here.
 */
async function indexClauses(draftId: string, editors: ReadonlyMap<string, string> = new Map()) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  await indexDraftDoc(draftId, doc, editors);
  doc.destroy();
}
