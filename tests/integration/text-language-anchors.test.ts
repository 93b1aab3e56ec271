// Comments, amendments and bracketed passages carry the language of the text they anchor to
// (issue 13, item 5): each resolves, follows edits, becomes outdated and is applied in its own
// language's text only. A real collaboration server and stock y-websocket clients write the texts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { overTheWire } from "../helpers/contract";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { replaceInLiveText } from "../helpers/live-text";
import { createThread, getThread, listThreads } from "@/server/domain/comments";
import { createAmendment, getAmendment, listAmendments, updateAmendment } from "@/server/domain/amendments";
import { createBracket, listBrackets } from "@/server/domain/brackets";
import { currentDraftState } from "@/server/domain/live-documents";
import { threadListSchema, threadSchema } from "@/lib/contracts/comments";
import { amendmentListSchema, amendmentSchema } from "@/lib/contracts/amendments";
import { bracketListSchema, bracketSchema } from "@/lib/contracts/brackets";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import { readClauses } from "@/lib/editor/ydoc";
import type { Actor } from "@/server/domain/actor";

const NNBSP = "\u202F";

const ENGLISH = [
  { clauseId: "t1", heading: "Protection", paragraphs: [["Border agencies shall respect non-refoulement at all times."]] },
  { clauseId: "t2", heading: "Data", paragraphs: [["Data shall be shared promptly."]] },
  { clauseId: "t3", heading: "Training", paragraphs: [["Officers shall be trained every year."]] },
  { clauseId: "t4", heading: "Principle", paragraphs: [["The principle: return in dignity."]] },
];
const FRENCH: Record<string, string> = {
  t1: "Les agences frontalières respectent le non-refoulement en tout temps.",
  t2: "Les données sont partagées sans délai.",
  t3: "Les agents sont formés chaque année.",
  t4: `Le principe${NNBSP}: retour digne.`,
};

/** The text run of an article's first paragraph in one language's text. */
function runOf(doc: Y.Doc, lang: TextLang, clauseId: string): Y.XmlText {
  const clause = fragmentOf(doc, lang)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId) as Y.XmlElement;
  return (clause.get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A passage selected in an editor on `lang`'s text, as the editor sends it. */
function selection(doc: Y.Doc, lang: TextLang, clauseId: string, exact: string) {
  const run = runOf(doc, lang, clauseId);
  const full = run.toString();
  const i = full.indexOf(exact);
  if (i < 0) throw new Error(`"${exact}" is not in ${lang} ${clauseId}`);
  return {
    clauseId,
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(run, i)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(run, i + exact.length, -1)),
    prefix: full.slice(Math.max(0, i - 30), i),
    exact,
    suffix: full.slice(i + exact.length, i + exact.length + 30),
  };
}

async function liveText(draftId: string, lang: TextLang, clauseId: string): Promise<string | undefined> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await currentDraftState(draftId));
  return readClauses(doc, lang).find((c) => c.clauseId === clauseId)?.text;
}

describe("comments, amendments and brackets in the French text", () => {
  let collab: RunningCollab;
  let chair: Actor, secretariat: Actor, viewer: Actor, senegal: Actor, morocco: Actor;
  let draftId: string;
  let french: TestClient;

  beforeAll(async () => {
    await useFreshDatabase();
    [chair, secretariat, viewer] = await Promise.all([makeActor("chair", "Chair Person"), makeActor("secretariat"), makeActor("viewer")]);
    senegal = await memberOf("Senegal", "Aminata Diallo");
    morocco = await memberOf("Morocco", "Youssef Alaoui");
    draftId = (await makeDraft(secretariat, "Bilingual anchors", ENGLISH)).id;
    collab = await startCollab();
    // A French-speaking member translates every article in her editor (the "fr" fragment).
    french = await connectAs(collab, senegal, draftId);
    await waitForSync(french);
    french.doc.transact(() => {
      for (const [clauseId, text] of Object.entries(FRENCH)) {
        const clause = fragmentOf(french.doc, "fr")
          .toArray()
          .find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId) as Y.XmlElement;
        (clause.get(1) as Y.XmlElement).insert(0, [new Y.XmlText(text)]);
      }
    });
    await waitFor(async () => (await liveText(draftId, "fr", "t4")) === FRENCH.t4, 5000, "the French text on the server");
  });
  afterAll(async () => {
    french.destroy();
    await collab.stop();
  });

  describe("comments", () => {
    it("a comment on the French text is anchored there, says so, and is listed by language", async () => {
      const thread = overTheWire(
        threadSchema,
        await createThread(morocco, draftId, { lang: "fr", anchor: selection(french.doc, "fr", "t2", "sans délai"), body: "« Sans délai » est trop fort." }),
      );
      expect(thread).toMatchObject({ lang: "fr", clauseId: "t2", status: "open" });
      const frOnly = overTheWire(threadListSchema, await listThreads(viewer, draftId, { lang: "fr" }));
      expect(frOnly.map((t) => t.id)).toEqual([thread.id]);
      expect(overTheWire(threadListSchema, await listThreads(viewer, draftId, { lang: "en" })).map((t) => t.id)).not.toContain(thread.id);
      // Without a language it is a comment on the English text, as before.
      const english = overTheWire(threadSchema, await createThread(morocco, draftId, { anchor: selection(french.doc, "en", "t2", "promptly"), body: "Too strong." }));
      expect(english.lang).toBe("en");
    });

    it("a quoted French passage follows French edits, not English ones", async () => {
      // An API client quotes words both texts hold; the thread is on the French ones.
      const thread = await createThread(morocco, draftId, { lang: "fr", anchor: { clauseId: "t1", exact: "non-refoulement" }, body: "Définir." });
      expect(thread).toMatchObject({ lang: "fr", clauseId: "t1", status: "open" });
      await replaceInLiveText(draftId, "non-refoulement", "the principle of return", chair, "en");
      expect(await liveText(draftId, "en", "t1")).not.toContain("non-refoulement");
      expect((await getThread(viewer, thread.id)).status).toBe("open");
      await replaceInLiveText(draftId, "le non-refoulement", "le principe de non-refoulement", chair, "fr");
      expect((await getThread(viewer, thread.id)).status).toBe("open");
      await replaceInLiveText(draftId, "le principe de non-refoulement", "le principe", chair, "fr");
      expect((await getThread(viewer, thread.id)).status).toBe("orphaned");
    });

    it("a French selection is orphaned when its French words are deleted, whatever happens in English", async () => {
      const thread = await createThread(morocco, draftId, { lang: "fr", anchor: selection(french.doc, "fr", "t3", "chaque année"), body: "Trop souvent ?" });
      expect(thread.lang).toBe("fr");
      await replaceInLiveText(draftId, "every year", "", chair, "en");
      expect((await getThread(viewer, thread.id)).status).toBe("open");
      await replaceInLiveText(draftId, " chaque année", "", chair, "fr");
      expect((await getThread(viewer, thread.id)).status).toBe("orphaned");
    });

    it("refuses a language that is not en or fr (400), and keeps nothing", async () => {
      const before = (await listThreads(viewer, draftId)).length;
      await expect(createThread(morocco, draftId, { lang: "de", anchor: { clauseId: "t2", exact: "Data" }, body: "Hm." })).rejects.toMatchObject({
        code: "invalid",
        message: expect.stringContaining("en or fr"),
      });
      await expect(listThreads(viewer, draftId, { lang: "es" })).rejects.toMatchObject({ code: "invalid" });
      expect((await listThreads(viewer, draftId)).length).toBe(before);
    });

    it("a quote typed with ordinary spaces matches French text with a narrow no-break space", async () => {
      const thread = await createThread(morocco, draftId, { lang: "fr", anchor: { clauseId: "t4", exact: "principe : retour" }, body: "Espace fine." });
      expect(thread).toMatchObject({ lang: "fr", clauseId: "t4", status: "open" });
    });
  });

  describe("amendments", () => {
    it("an accepted French amendment changes the French text only, for a connected client too", async () => {
      const am = overTheWire(
        amendmentSchema,
        await createAmendment(senegal, draftId, {
          lang: "fr", clauseId: "t1", op: "MOD", anchor: selection(french.doc, "fr", "t1", "en tout temps"), proposedText: "en toutes circonstances", rationale: "Plus fort.", submit: true,
        }),
      );
      expect(am).toMatchObject({ lang: "fr", base: "en tout temps", current: "en tout temps", outdated: false });
      const englishBefore = await liveText(draftId, "en", "t1");
      const decided = overTheWire(amendmentSchema, await updateAmendment(chair, am.id, { status: "accepted" }));
      expect(decided.status).toBe("accepted");
      expect(await liveText(draftId, "fr", "t1")).toBe("Les agences frontalières respectent le principe en toutes circonstances.");
      expect(await liveText(draftId, "en", "t1")).toBe(englishBefore);
      await waitFor(() => runOf(french.doc, "fr", "t1").toString().includes("en toutes circonstances"), 5000, "the French editor sees the accepted text");
      expect(readClauses(french.doc, "en").find((c) => c.clauseId === "t1")?.text).toBe(englishBefore);
    });

    it("a French amendment becomes outdated when the French passage changes, not when the English one does", async () => {
      const am = await createAmendment(senegal, draftId, {
        lang: "fr", clauseId: "t2", op: "MOD", anchor: selection(french.doc, "fr", "t2", "partagées sans délai"), proposedText: "partagées dans les 24 heures", rationale: "Précis.", submit: true,
      });
      await replaceInLiveText(draftId, "shared promptly", "shared at once", chair, "en");
      expect(await getAmendment(viewer, am.id)).toMatchObject({ lang: "fr", outdated: false, current: "partagées sans délai" });
      await replaceInLiveText(draftId, "sans délai", "rapidement", chair, "fr");
      // Its words replaced, the passage is outdated (what remains of its range is "partagées").
      expect(await getAmendment(viewer, am.id)).toMatchObject({ outdated: true, current: expect.stringMatching(/^partagées\s*$/), base: "partagées sans délai" });
      await expect(updateAmendment(chair, am.id, { status: "accepted" })).rejects.toMatchObject({ code: "outdated" });
      expect(await liveText(draftId, "fr", "t2")).toBe("Les données sont partagées rapidement.");
    });

    it("alternatives group amendments of one language only; the list filters by language", async () => {
      const en = await createAmendment(morocco, draftId, { clauseId: "t3", op: "MOD", proposedText: "Officers shall be trained.", rationale: "Simpler.", submit: true });
      const fr1 = await createAmendment(senegal, draftId, { lang: "fr", clauseId: "t3", op: "MOD", proposedText: "Les agents sont formés.", rationale: "Plus simple.", submit: true });
      const fr2 = await createAmendment(morocco, draftId, { lang: "fr", clauseId: "t3", op: "SUP", rationale: "Inutile.", submit: true });
      const all = overTheWire(amendmentListSchema, await listAmendments(viewer, draftId, { clauseId: "t3" }));
      const byId = new Map(all.map((a) => [a.id, a]));
      expect(byId.get(en.id)).toMatchObject({ lang: "en", group: null });
      expect(byId.get(fr1.id)).toMatchObject({ lang: "fr", group: fr1.id });
      expect(byId.get(fr2.id)).toMatchObject({ lang: "fr", group: fr1.id });
      const frenchOnly = overTheWire(amendmentListSchema, await listAmendments(viewer, draftId, { lang: "fr", clauseId: "t3" }));
      expect(frenchOnly.map((a) => a.id)).toEqual([fr1.id, fr2.id]);
      expect((await listAmendments(viewer, draftId, { lang: "en", clauseId: "t3" })).map((a) => a.id)).toEqual([en.id]);
      await expect(listAmendments(viewer, draftId, { lang: "de" })).rejects.toMatchObject({ code: "invalid" });
    });

    it("refuses a language that is not en or fr (400)", async () => {
      await expect(
        createAmendment(senegal, draftId, { lang: "fra", clauseId: "t3", op: "NOC", rationale: "Garder.", submit: true }),
      ).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("en or fr") });
    });

    it("a quoted French passage typed with ordinary spaces is found, fixed to positions, and accepted", async () => {
      const am = overTheWire(
        amendmentSchema,
        await createAmendment(senegal, draftId, { lang: "fr", clauseId: "t4", op: "MOD", anchor: { clauseId: "t4", exact: "principe : retour digne" }, proposedText: "principe du retour digne", rationale: "Clarté.", submit: true }),
      );
      expect(am).toMatchObject({ lang: "fr", outdated: false, base: `principe${NNBSP}: retour digne` });
      await updateAmendment(chair, am.id, { status: "accepted" });
      expect(await liveText(draftId, "fr", "t4")).toBe("Le principe du retour digne.");
      expect(await liveText(draftId, "en", "t4")).toBe("The principle: return in dignity.");
    });
  });

  describe("brackets", () => {
    it("the chair brackets a French passage: listed with its language, checked against the French text", async () => {
      const placed = overTheWire(
        bracketSchema,
        await createBracket(chair, draftId, { lang: "fr", anchor: selection(french.doc, "fr", "t1", "Les agences frontalières"), note: "À revoir." }),
      );
      expect(placed).toMatchObject({ lang: "fr", clauseId: "t1" });
      expect(overTheWire(bracketListSchema, await listBrackets(viewer, draftId)).find((b) => b.id === placed.id)?.lang).toBe("fr");
      // The same French selection said to be in the English text is not there.
      await expect(createBracket(chair, draftId, { anchor: selection(french.doc, "fr", "t1", "Les agences frontalières") })).rejects.toMatchObject({ code: "invalid" });
      await expect(createBracket(chair, draftId, { lang: "xx", anchor: selection(french.doc, "fr", "t1", "Les agences") })).rejects.toMatchObject({ code: "invalid" });
    });
  });
});
