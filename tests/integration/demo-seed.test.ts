// The demo data (SEED_DEMO=1) shows amendments in every state at once, by several delegations,
// the accepted one applied to the text and named by history; the Charter in English and French,
// one article's French text behind a later English change; and seeding twice adds nothing.
import { listAlignment } from "@/server/domain/alignment";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { seedDemo, citationsByKey, demoContent, DEMO_ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD, DEMO_READING, DEMO_SOURCE_KEYS } from "@/server/demo/seed";
import { ensureMarrakeshImported } from "@/server/import/import-document";
import { createAmendment, listAmendments } from "@/server/domain/amendments";
import { createMember, toActor } from "@/server/domain/members";
import { currentDraftState } from "@/server/domain/live-documents";
import { listClauses } from "@/server/domain/drafts";
import { clauseHistory, compareVersions, listVersions } from "@/server/domain/versions";
import { clauseHistorySchema, comparisonSchema, versionListSchema } from "@/lib/contracts/versions";
import { overTheWire } from "../helpers/contract";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { appendBlocks, readClauses } from "@/lib/editor/ydoc";
import { draftsRepo } from "@/server/db/repositories/drafts";
import { usersRepo } from "@/server/db/repositories/users";
import { db } from "@/server/db/client";

const actorOf = async (email: string): Promise<Actor> => toActor((await usersRepo.findByEmail(db(), email))!)!;

/** The paragraphs of an article's text, each with the citation keys it ends with. */
const citationEnds = (text: string) => text.split("\n").map((p) => /((?: ?\[[^\]]+\])*)$/.exec(p)![1].trim());

describe("demo seed", () => {
  let draftId: string;
  const liveDoc = async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await currentDraftState(draftId));
    return doc;
  };
  beforeAll(async () => {
    await useFreshDatabase();
    await ensureMarrakeshImported(SYSTEM_ACTOR);
    expect(await seedDemo()).toMatchObject({ draftCreated: true });
    draftId = (await db().draft.findFirstOrThrow({ where: { title: DEMO_DRAFT_TITLE }, select: { id: true } })).id;
  });

  it("has amendments in the stated states, by several delegations, numbered AM-001…", async () => {
    const viewer = await actorOf("viewer@demo.test");
    const seen = (await listAmendments(viewer, draftId)).map((a) => ({
      number: a.number,
      status: a.status,
      op: a.op,
      sponsor: a.sponsor.delegation,
      cosponsors: a.cosponsors.map((c) => c.delegation),
      decided: a.decision ? [a.decision.observation !== null, a.decision.reading] : null,
    }));
    expect(seen).toEqual([
      { number: "AM-001", status: "accepted", op: "MOD", sponsor: "Senegal", cosponsors: [], decided: [true, DEMO_READING] },
      { number: "AM-002", status: "submitted", op: "MOD", sponsor: "Senegal", cosponsors: ["Ghana"], decided: null },
      { number: "AM-003", status: "submitted", op: "MOD", sponsor: "France", cosponsors: [], decided: null },
      { number: "AM-004", status: "withdrawn", op: "NOC", sponsor: "Ghana", cosponsors: [], decided: null },
      { number: "AM-005", status: "not_accepted", op: "SUP", sponsor: "France", cosponsors: [], decided: [true, DEMO_READING] },
      { number: "AM-006", status: "deferred", op: "ADD", sponsor: "Senegal", cosponsors: [], decided: [true, DEMO_READING] },
    ]);
    // The open one cites its recommendation.
    expect((await listAmendments(viewer, draftId, { status: "submitted" }))[0].sources.map((s) => s.key)).toEqual(["MKH23-REC-07"]);
  });

  it("AM-001 was accepted as the chair accepts: its wording is in the text and the index, and history names it", async () => {
    const viewer = await actorOf("viewer@demo.test");
    const accepted = "Border management by the signatories shall respect and protect the human rights and dignity of every migrant, whatever their status,";
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await currentDraftState(draftId));
    expect(readClauses(doc).find((c) => c.clauseId === "demo-art-1")?.text).toContain(accepted);
    doc.destroy();
    expect((await listClauses(viewer, draftId)).find((c) => c.clauseId === "demo-art-1")?.text).toContain(accepted);

    const versions = overTheWire(versionListSchema, await listVersions(viewer, draftId));
    expect(versions.map((v) => [v.name, v.amendment?.number ?? null])).toEqual([
      ["AM-001 (Senegal) accepted", "AM-001"],
      [null, null],
    ]);
    const comparison = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: versions[1].id, to: versions[0].id }));
    expect(comparison.amendments).toEqual({ "demo-art-1": [expect.objectContaining({ number: "AM-001", delegation: "Senegal", status: "accepted" })] });
    const history = overTheWire(clauseHistorySchema, await clauseHistory(viewer, draftId, "demo-art-1"));
    expect(history.map((e) => e.amendments.map((a) => a.number))).toEqual([[], ["AM-001"]]);
  });

  it("the Charter is bilingual: every chapter and article has its French text, citing what the English cites where it cites it", async () => {
    const doc = await liveDoc();
    const [en, fr] = [readClauses(doc), readClauses(doc, "fr")];
    doc.destroy();
    expect(fr.map((c) => c.clauseId)).toEqual(en.map((c) => c.clauseId));
    expect([...new Set(fr.map((c) => c.chapter))]).toEqual(["Chapitre I — Principes", "Chapitre II — Identification et protection à la frontière"]);
    for (const article of fr) {
      expect(article.heading, article.clauseId).not.toBe("");
      expect(article.text, article.clauseId).not.toBe("");
    }
    expect(Object.fromEntries(fr.map((c) => [c.clauseId, c.citations.map((r) => r.key)]))).toEqual({
      "demo-art-1": ["MKH23-CON-01"],
      "demo-art-2": ["MKH23-CON-03"],
      "demo-art-3": ["MKH23-REC-07", "MKH23-REC-03"],
      "demo-art-4": ["MKH23-CON-04"],
      "demo-art-5": ["MKH23-REC-05"],
    });
    // At the same places: each French paragraph ends with the citation its English one ends with.
    expect(fr.map((c) => citationEnds(c.text))).toEqual(en.map((c) => citationEnds(c.text)));
    expect(fr.find((c) => c.clauseId === "demo-art-3")?.citations.map((r) => r.sourceItemId)).toEqual(en.find((c) => c.clauseId === "demo-art-3")?.citations.map((r) => r.sourceItemId));
    // Translated after the first reading: AM-001's wording, not the text it replaced.
    expect(fr.find((c) => c.clauseId === "demo-art-1")?.text).toContain("respecte et protège les droits de l'homme");
  });

  it("after the French text, a member changed Article 4's English text: its French text says what the English said before", async () => {
    const doc = await liveDoc();
    const [en, fr] = [readClauses(doc), readClauses(doc, "fr")];
    doc.destroy();
    expect(en.find((c) => c.clauseId === "demo-art-4")?.text).toContain("in particular of persons in distress at sea or on land, minors and victims of trafficking.");
    expect(fr.find((c) => c.clauseId === "demo-art-4")?.text).toContain("des personnes en détresse en mer, des mineurs");
    // A newcomer sees the feature: Article 4 flagged, the others confirmed by the secretariat.
    const alignment = await listAlignment(await actorOf("member@demo.test"), draftId);
    expect(alignment.map((e) => [e.clauseId, e.status])).toEqual(
      ["demo-art-1", "demo-art-2", "demo-art-3", "demo-art-4", "demo-art-5"].map((id) => [id, id === "demo-art-4" ? "fr_outdated" : "aligned"]),
    );
    const art4 = alignment.find((e) => e.clauseId === "demo-art-4")!;
    expect(art4.en.changedBy?.name).toBe("Kwame Mensah");
    expect(alignment.filter((e) => e.clauseId !== "demo-art-4").every((e) => e.confirmedBy?.name === "Salma Bennani")).toBe(true);
  });

  it("the member's private draft is hers alone; seeding again adds nothing", async () => {
    const mine = await listAmendments(await actorOf("member@demo.test"), draftId);
    expect(mine.filter((a) => a.status === "draft")).toHaveLength(1);
    expect((await listAmendments(await actorOf("chair@demo.test"), draftId)).some((a) => a.status === "draft")).toBe(false);
    const before = await db().amendment.count();
    const textBefore = await currentDraftState(draftId);
    expect(await seedDemo()).toEqual({ accounts: 0, draftCreated: false });
    expect(await db().amendment.count()).toBe(before);
    // Neither the French text nor Article 4's English change is written twice.
    expect(await currentDraftState(draftId)).toEqual(textBefore);
  });
});

describe("demo seed on a demo draft from before the Charter was bilingual", () => {
  it("gives it its French text at the next start, on the English text's article structure", async () => {
    await useFreshDatabase();
    await ensureMarrakeshImported(SYSTEM_ACTOR);
    // As such a draft was stored after its first seeding: the English text only (AM-001's wording
    // in it), no French fragment at all, its amendments there (so they are not seeded again).
    for (const account of DEMO_ACCOUNTS) await createMember(SYSTEM_ACTOR, { ...account, password: DEMO_PASSWORD });
    const english = new Y.Doc();
    const content = demoContent(await citationsByKey(DEMO_SOURCE_KEYS)).map((block) =>
      "paragraphs" in block && block.clauseId === "demo-art-1"
        ? { ...block, paragraphs: block.paragraphs.map((p) => p.map((i) => (typeof i === "string" ? i.replace("shall respect", "shall respect and protect") : i))) }
        : block,
    );
    appendBlocks(english, content);
    const secretariat = await actorOf("secretariat@demo.test");
    const draft = await draftsRepo.create(db(), { title: DEMO_DRAFT_TITLE, createdById: secretariat.id, yjsSnapshot: Y.encodeStateAsUpdate(english) });
    english.destroy();
    await createAmendment(await actorOf("ghana@demo.test"), draft.id, { clauseId: "demo-art-2", op: "NOC", type: "ge", submit: true, rationale: "As agreed." });

    expect(await seedDemo()).toMatchObject({ draftCreated: false });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await currentDraftState(draft.id));
    const [en, fr] = [readClauses(doc), readClauses(doc, "fr")];
    doc.destroy();
    expect(fr.map((c) => [c.clauseId, c.number])).toEqual(en.map((c) => [c.clauseId, c.number]));
    expect(fr.every((c) => c.chapter && c.heading && c.text)).toBe(true);
    expect(fr.map((c) => citationEnds(c.text))).toEqual(en.map((c) => citationEnds(c.text)));
    expect(en.find((c) => c.clauseId === "demo-art-4")?.text).toContain("at sea or on land");
    expect(await db().amendment.count()).toBe(1);
  });
});
