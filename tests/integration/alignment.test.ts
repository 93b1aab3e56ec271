// Alignment of the English and French texts per article (issue 13 item 2), with stock y-websocket
// clients: the status follows each language's text (the indexer runs after stored changes), who
// changed which text is recorded, and people who may edit confirm an article as aligned.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { overTheWire } from "../helpers/contract";
import { appendBlocks } from "@/lib/editor/ydoc";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import { alignmentEntrySchema, alignmentListSchema, type AlignmentEntry } from "@/lib/contracts/alignment";
import { clauseListSchema } from "@/lib/contracts/drafts";
import { confirmAlignment, listAlignment } from "@/server/domain/alignment";
import { listClauses, updateDraft } from "@/server/domain/drafts";
import { ensureMarrakeshImported } from "@/server/import/import-document";
import { searchSources } from "@/server/domain/sources";
import { db } from "@/server/db/client";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { clauseIn } from "../helpers/articles";

/** Types at the end of the article's first paragraph, as an editor would. */
function typeInto(client: TestClient, lang: TextLang, clauseId: string, words: string): void {
  const paragraph = clauseIn(client.doc, lang, clauseId).get(1) as Y.XmlElement;
  const last = paragraph.length ? paragraph.get(paragraph.length - 1) : null;
  if (last instanceof Y.XmlText) last.insert(last.length, words);
  else paragraph.insert(paragraph.length, [new Y.XmlText(words)]);
}

function typeHeading(client: TestClient, lang: TextLang, clauseId: string, words: string): void {
  const heading = clauseIn(client.doc, lang, clauseId).get(0) as Y.XmlElement;
  heading.insert(heading.length, [new Y.XmlText(words)]);
}

describe("alignment of the English and French texts", () => {
  let collab: RunningCollab;
  let english: Actor, french: Actor, chair: Actor, viewer: Actor, observer: Actor;
  let draftId: string;
  let en: TestClient, fr: TestClient;

  const entries = async (who: Actor = viewer) => overTheWire(alignmentListSchema, await listAlignment(who, draftId));
  const entry = async (clauseId: string) => (await entries()).find((e) => e.clauseId === clauseId);
  /** Polls the API until the article has the status (the indexer runs after stored changes settle). */
  const statusBecomes = (clauseId: string, status: AlignmentEntry["status"], withinMs = 2000) =>
    waitFor(async () => {
      const e = await entry(clauseId);
      return e?.status === status ? e : null;
    }, withinMs, `${clauseId} ${status}`);

  beforeAll(async () => {
    await useFreshDatabase();
    const secretariat = await makeActor("secretariat");
    english = await memberOf("Ghana", "Kwame Mensah");
    french = await memberOf("Senegal", "Amina Diallo");
    chair = await makeActor("chair");
    viewer = await makeActor("viewer");
    observer = await makeActor("observer");
    draftId = (
      await makeDraft(secretariat, "Bilingual alignment", [
        { clauseId: "art-1", heading: "Scope", paragraphs: [["It applies at every border."]] },
        { clauseId: "art-2", heading: "Dignity", paragraphs: [["Everyone is treated with dignity."]] },
      ])
    ).id;
    // The production debounce and max-wait (server/collab/server.ts), so the 2-second promise is tested as shipped.
    collab = await startCollab({ indexDebounceMs: 400 });
    en = await connectAs(collab, english, draftId);
    fr = await connectAs(collab, french, draftId);
    await Promise.all([waitForSync(en), waitForSync(fr)]);
  });
  afterAll(async () => {
    en.destroy();
    fr.destroy();
    await collab.stop();
  });

  it("an article whose French text is empty is fr_missing; one written only in French is en_missing", async () => {
    expect((await entries()).map((e) => [e.clauseId, e.number, e.status])).toEqual([
      ["art-1", 1, "fr_missing"],
      ["art-2", 2, "fr_missing"],
    ]);
    appendBlocks(fr.doc, [{ clauseId: "art-3", heading: "Enfants", paragraphs: [["Les enfants d'abord."]] }], null, "fr");
    // A new article: the server mirrors it into English first, then indexes.
    const added = await statusBecomes("art-3", "en_missing", 3000);
    expect(added.fr).toMatchObject({ heading: "Enfants", text: "Les enfants d'abord." });
    expect(added.fr.changedBy).toEqual({ id: french.id, name: "Amina Diallo", delegation: "Senegal" });
    expect(added.en).toMatchObject({ heading: "", text: "", changedBy: null });
  });

  it("a French text written after the English one is out of date against it until someone confirms", async () => {
    typeHeading(fr, "fr", "art-1", "Champ d'application");
    typeInto(fr, "fr", "art-1", "Elle s'applique à chaque frontière.");
    const translated = await statusBecomes("art-1", "fr_outdated");
    expect(translated.fr.text).toBe("Elle s'applique à chaque frontière.");
    expect(translated.fr.changedBy?.id).toBe(french.id);
    expect(translated.confirmedAt).toBeNull();

    const confirmed = overTheWire(alignmentEntrySchema, await confirmAlignment(french, draftId, "art-1"));
    expect(confirmed).toMatchObject({ clauseId: "art-1", number: 1, status: "aligned", confirmedBy: { id: french.id, name: "Amina Diallo" } });
    expect((await entry("art-1"))?.status).toBe("aligned");
    const audit = await db().auditLog.findFirst({ where: { action: "alignment.confirmed", actorId: french.id } });
    expect(audit).not.toBeNull();
  });

  it("editing the English text of an aligned article turns it fr_outdated, changed by the English editor", async () => {
    expect((await entry("art-1"))?.status).toBe("aligned");
    typeInto(en, "en", "art-1", " It also applies at sea.");
    const outdated = await statusBecomes("art-1", "fr_outdated");
    expect(outdated.en.text).toBe("It applies at every border. It also applies at sea.");
    expect(outdated.en.changedBy).toEqual({ id: english.id, name: "Kwame Mensah", delegation: "Ghana" });
    expect(Date.parse(outdated.en.changedAt!)).toBeGreaterThanOrEqual(Date.parse(outdated.confirmedAt!));
    // Updating the French text does not align it by itself: someone confirms after checking.
    typeInto(fr, "fr", "art-1", " Elle s'applique aussi en mer.");
    await waitFor(async () => (await entry("art-1"))?.fr.text.endsWith("en mer."), 2000, "French text indexed");
    expect((await entry("art-1"))?.status).toBe("fr_outdated");
    expect((await confirmAlignment(chair, draftId, "art-1")).status).toBe("aligned");
    expect((await entry("art-1"))?.confirmedBy?.id).toBe(chair.id);
  });

  it("editing the French text of an aligned article turns it en_outdated; English leads when it changed first", async () => {
    typeInto(fr, "fr", "art-1", " Sans exception.");
    const outdated = await statusBecomes("art-1", "en_outdated");
    expect(outdated.fr.changedBy?.id).toBe(french.id);
    // The English text follows: still en_outdated (French led) until confirmed.
    typeInto(en, "en", "art-1", " Without exception.");
    await waitFor(async () => (await entry("art-1"))?.en.text.endsWith("Without exception."), 2000, "English text indexed");
    expect((await entry("art-1"))?.status).toBe("en_outdated");
    await confirmAlignment(english, draftId, "art-1");
    expect((await entry("art-1"))?.status).toBe("aligned");
  });

  it("while someone keeps typing in English, the article turns fr_outdated within 2 s all the same", async () => {
    await confirmAlignment(chair, draftId, "art-1");
    let typed = 0;
    const typing = setInterval(() => typeInto(en, "en", "art-1", ` ${++typed}`), 100);
    try {
      await statusBecomes("art-1", "fr_outdated");
    } finally {
      clearInterval(typing);
    }
    typeInto(fr, "fr", "art-1", " Encore.");
    await waitFor(async () => (await entry("art-1"))?.fr.text.endsWith("Encore."), 2000, "French text indexed");
    await confirmAlignment(english, draftId, "art-1");
  });

  it("open editors are told when the alignment changes (server revision 'alignment')", async () => {
    const revision = () => {
      for (const state of en.provider.awareness.getStates().values()) if (state.server === true && typeof state.alignment === "number") return state.alignment as number;
      return 0;
    };
    const before = revision();
    await confirmAlignment(chair, draftId, "art-1");
    await waitFor(() => revision() > before, 2000, "alignment revision after a confirmation");
    const afterConfirm = revision();
    typeInto(en, "en", "art-2", " Always.");
    await waitFor(() => revision() > afterConfirm, 3000, "alignment revision after an edit");
  });

  it("viewers and observers cannot confirm; members cannot once the text is closed to them; unknown articles are 404", async () => {
    await expect(confirmAlignment(viewer, draftId, "art-1")).rejects.toMatchObject({ code: "forbidden" });
    await expect(confirmAlignment(observer, draftId, "art-1")).rejects.toMatchObject({ code: "forbidden" });
    await expect(confirmAlignment(null, draftId, "art-1")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(confirmAlignment(english, draftId, "no-such-article")).rejects.toMatchObject({ code: "not_found" });
    await expect(confirmAlignment(english, "no-such-draft", "art-1")).rejects.toMatchObject({ code: "not_found" });
    // An empty translation is not confirmed as aligned.
    await expect(confirmAlignment(english, draftId, "art-2")).rejects.toMatchObject({ code: "conflict" });
    await updateDraft(chair, draftId, { phase: "amendments" });
    try {
      await expect(confirmAlignment(english, draftId, "art-1")).rejects.toMatchObject({ code: "forbidden" });
      expect((await confirmAlignment(chair, draftId, "art-1")).status).toBe("aligned");
    } finally {
      await updateDraft(chair, draftId, { phase: "editing" });
    }
    expect(await db().auditLog.count({ where: { action: "alignment.confirmed", actorId: { in: [viewer.id, observer.id] } } })).toBe(0);
  });

  it("GET clauses reads either language's text, citations of both; a bad lang is refused", async () => {
    await ensureMarrakeshImported(SYSTEM_ACTOR);
    const [item] = await searchSources(viewer, { q: "" });
    const paragraph = clauseIn(fr.doc, "fr", "art-3").get(1) as Y.XmlElement;
    const cite = new Y.XmlElement("citation");
    cite.setAttribute("sourceItemId", item.id);
    cite.setAttribute("key", item.key);
    paragraph.insert(paragraph.length, [cite]);
    const french = await waitFor(async () => {
      const rows = overTheWire(clauseListSchema, await listClauses(viewer, draftId, { lang: "fr" }));
      return rows.find((c) => c.clauseId === "art-3")?.citations.length ? rows : null;
    }, 2000, "French citation indexed");
    expect(french.map((c) => [c.clauseId, c.lang, c.heading])).toEqual([
      ["art-1", "fr", "Champ d'application"],
      ["art-2", "fr", ""],
      ["art-3", "fr", "Enfants"],
    ]);
    expect(french[2].text).toBe(`Les enfants d'abord.[${item.key}]`);
    // The English list (default) shows the English text and the same citations: an article cites what either text cites.
    const english = overTheWire(clauseListSchema, await listClauses(viewer, draftId));
    expect(english.map((c) => [c.lang, c.heading])).toEqual([
      ["en", "Scope"],
      ["en", "Dignity"],
      ["en", ""],
    ]);
    expect(english[2].citations.map((c) => c.key)).toEqual([item.key]);
    await expect(listClauses(viewer, draftId, { lang: "de" })).rejects.toMatchObject({ code: "invalid", message: "lang: The text language must be en or fr." });
  });

  it("deleting an article removes its alignment row", async () => {
    en.doc.transact(() => {
      const fragment = fragmentOf(en.doc, "en");
      fragment.delete(fragment.toArray().indexOf(clauseIn(en.doc, "en", "art-2")), 1);
    });
    await waitFor(async () => !(await entries()).some((e) => e.clauseId === "art-2"), 2000, "article gone from the list");
    await waitFor(async () => (await db().articleAlignment.count({ where: { draftId, clauseId: "art-2" } })) === 0, 2000, "row deleted");
    expect((await entries()).map((e) => e.clauseId)).toEqual(["art-1", "art-3"]);
  });

  it("the system (seed) may confirm", async () => {
    const entry = await confirmAlignment(SYSTEM_ACTOR, draftId, "art-1");
    expect(entry).toMatchObject({ status: "aligned", confirmedBy: null });
  });
});
