// Defects found reviewing issue 12 (amendments), each reproduced through a real collaboration
// server, real y-websocket clients and real SQLite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft, memberOf } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { createAmendment, getAmendment, updateAmendment } from "@/server/domain/amendments";
import { db } from "@/server/db/client";
import { listNotifications } from "@/server/domain/comments/notifications";
import { exportDraft } from "@/server/export";
import { unzipSync, strFromU8 } from "fflate";
import { type Actor } from "@/server/domain/actor";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { readClauses } from "@/lib/editor/ydoc";

/** The text run of an article's n-th body paragraph (0-based) in a client's document. */
function paragraphText(doc: Y.Doc, clauseId: string, n = 0): Y.XmlText {
  const clause = doc
    .getXmlFragment(YDOC_FIELD)
    .toArray()
    .find((node) => node instanceof Y.XmlElement && node.getAttribute("clauseId") === clauseId) as Y.XmlElement;
  return (clause.get(1 + n) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A passage inside one paragraph, as the editor sends it. */
function anchorIn(doc: Y.Doc, clauseId: string, exact: string) {
  const text = paragraphText(doc, clauseId);
  const full = text.toString();
  const i = full.indexOf(exact);
  if (i < 0) throw new Error(`"${exact}" is not in ${clauseId}`);
  return {
    clauseId,
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1)),
    prefix: full.slice(Math.max(0, i - 30), i),
    exact,
    suffix: full.slice(i + exact.length, i + exact.length + 30),
  };
}


const clauseText = (doc: Y.Doc, clauseId: string) => readClauses(doc).find((c) => c.clauseId === clauseId)?.text;

describe("amendments review", () => {
  let collab: RunningCollab;
  let chair: Actor, secretariat: Actor, senegal: Actor;
  let draftId: string;
  let client: TestClient;

  beforeAll(async () => {
    await useFreshDatabase();
    [chair, secretariat] = await Promise.all([makeActor("chair", "Chair Person"), makeActor("secretariat")]);
    senegal = await memberOf("Senegal", "Aminata Diallo");
    draftId = (
      await makeDraft(secretariat, "Review", [
        { clauseId: "b1", heading: "Protection", paragraphs: [["Border agencies shall respect non-refoulement."], ["Second paragraph."]] },
        { clauseId: "b2", heading: "Data", paragraphs: [["Data shall be shared."]] },
        { clauseId: "b3", heading: "Final", paragraphs: [["Final provisions."]] },
        { clauseId: "b4", heading: "Scope", paragraphs: [["This Charter applies to all States."], ["It binds every agency of a State."]] },
        { clauseId: "b5", heading: "Sources", paragraphs: [["States shall share data ", { cite: { sourceItemId: "item-1", key: "MKH23-CON-05" } }, " and publish it."]] },
      ])
    ).id;
    collab = await startCollab();
    client = await connectAs(collab, senegal, draftId);
    await waitForSync(client);
  });
  afterAll(async () => {
    client.destroy();
    await collab.stop();
  });

  it("an accepted ADD with position 'before' goes before the passage's paragraph, and before the article when it has no passage", async () => {
    const onPassage = await createAmendment(senegal, draftId, {
      clauseId: "b1", op: "ADD", position: "before", anchor: anchorIn(client.doc, "b1", "Border agencies"), proposedText: "States shall cooperate.", rationale: "Cooperation first.", submit: true,
    });
    await updateAmendment(chair, onPassage.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "b1") !== "Border agencies shall respect non-refoulement.\nSecond paragraph.", 5000, "ADD applied");
    expect(clauseText(client.doc, "b1")).toBe("States shall cooperate.\nBorder agencies shall respect non-refoulement.\nSecond paragraph.");

    const newArticle = await createAmendment(senegal, draftId, {
      clauseId: "b3", op: "ADD", position: "before", proposedText: "Reservations are not permitted.", rationale: "Integrity.", submit: true,
    });
    await updateAmendment(chair, newArticle.id, { status: "accepted" });
    await waitFor(() => readClauses(client.doc).length === 6, 5000, "new article live");
    expect(readClauses(client.doc).map((c) => c.text)).toEqual([
      "States shall cooperate.\nBorder agencies shall respect non-refoulement.\nSecond paragraph.",
      "Data shall be shared.",
      "Reservations are not permitted.",
      "Final provisions.",
      "This Charter applies to all States.\nIt binds every agency of a State.",
      "States shall share data [MKH23-CON-05] and publish it.",
    ]);
  });

  it("a proposal whose quoted passage is not the text its positions cover is refused (acceptance would replace the positions' text, not the quote)", async () => {
    const first = paragraphText(client.doc, "b4", 0);
    const second = paragraphText(client.doc, "b4", 1);
    const at = (text: Y.XmlText, index: number, assoc = 0) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index, assoc));
    // Positions over both paragraphs, quote naming two words of the first one.
    const acrossBoth = { clauseId: "b4", start: at(first, 0), end: at(second, "It binds".length, -1), prefix: "This Charter applies to ", exact: "all States", suffix: "." };
    await expect(
      createAmendment(senegal, draftId, { clauseId: "b4", op: "MOD", anchor: acrossBoth, proposedText: "all Member States", rationale: "Precision.", submit: true }),
    ).rejects.toMatchObject({ code: "invalid" });
    // Positions over "Border agencies", quote naming another passage of the same paragraph.
    const lying = { ...anchorIn(client.doc, "b2", "Data shall"), exact: "shared" };
    await expect(
      createAmendment(senegal, draftId, { clauseId: "b2", op: "SUP", anchor: lying, rationale: "Too broad.", submit: true }),
    ).rejects.toMatchObject({ code: "invalid" });

    // A selection over two paragraphs quoted as the editor quotes it is accepted and applied.
    const honest = { ...acrossBoth, start: at(first, "This Charter applies to ".length), exact: "all States.\nIt binds", prefix: "This Charter applies to ", suffix: " every agency of a State." };
    const am = await createAmendment(senegal, draftId, { clauseId: "b4", op: "MOD", anchor: honest, proposedText: "all Member States and binds", rationale: "Precision.", submit: true });
    expect(am.base).toBe("all States.\nIt binds");
    await updateAmendment(chair, am.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "b4") === "This Charter applies to all Member States and binds every agency of a State.", 5000, "two paragraphs replaced");
    expect(clauseText(client.doc, "b2")).toBe("Data shall be shared.");
  });

  it("a proposed or agreed text that is empty or not of the Charter's schema is refused when given, and never empties an article", async () => {
    const emptyDoc = { type: "doc", content: [] };
    const headingOnly = { type: "doc", content: [{ type: "clauseHeading", content: [{ type: "text", text: "A title" }] }] };
    for (const proposedDoc of [emptyDoc, headingOnly, { type: "doc", content: [{ type: "bogus" }] }]) {
      await expect(
        createAmendment(senegal, draftId, { clauseId: "b3", op: "MOD", proposedDoc, rationale: "Shorter.", submit: true }),
      ).rejects.toMatchObject({ code: "invalid" });
    }
    const am = await createAmendment(senegal, draftId, { clauseId: "b3", op: "MOD", anchor: anchorIn(client.doc, "b3", "Final"), proposedText: "Closing", rationale: "Style.", submit: true });
    await expect(updateAmendment(chair, am.id, { status: "accepted_modified", modifiedDoc: emptyDoc })).rejects.toMatchObject({ code: "invalid" });
    expect(clauseText(client.doc, "b3")).toBe("Final provisions.");
    expect((await updateAmendment(chair, am.id, { status: "not_accepted" })).status).toBe("not_accepted");
  });

  it("an acceptance whose change could not be stored leaves the amendment undecided and the text as it was; it can be accepted again", async () => {
    const am = await createAmendment(senegal, draftId, { clauseId: "b2", op: "MOD", anchor: anchorIn(client.doc, "b2", "shared"), proposedText: "published", rationale: "Openness.", submit: true });
    // The database refuses every new update of the text (a full disk, a lost connection…).
    await db().$executeRawUnsafe(`CREATE TRIGGER refuse_updates BEFORE INSERT ON "DraftUpdate" BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    try {
      await expect(updateAmendment(chair, am.id, { status: "accepted" })).rejects.toBeTruthy();
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER refuse_updates`);
    }
    expect(clauseText(client.doc, "b2")).toBe("Data shall be shared.");
    expect((await getAmendment(chair, am.id)).status).toBe("submitted");

    expect((await updateAmendment(chair, am.id, { status: "accepted" })).status).toBe("accepted");
    await waitFor(() => clauseText(client.doc, "b2") === "Data shall be published.", 5000, "accepted on the second try");
  });

  it("an ADD 'before' a passage of the heading puts its paragraphs at the top of the article's body", async () => {
    const heading = (clauseId: string, exact: string) => {
      const text = ((client.doc.getXmlFragment(YDOC_FIELD).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === clauseId) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      const i = text.toString().indexOf(exact);
      return { clauseId, start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)), end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + exact.length, -1)), prefix: "", exact, suffix: "" };
    };
    const add = await createAmendment(senegal, draftId, { clauseId: "b2", op: "ADD", position: "before", anchor: heading("b2", "Data"), proposedText: "Definitions apply.", rationale: "Clarity.", submit: true });
    await updateAmendment(chair, add.id, { status: "accepted" });
    await waitFor(() => clauseText(client.doc, "b2")?.startsWith("Definitions apply.\n") === true, 5000, "ADD before a heading passage");
    expect(readClauses(client.doc).find((c) => c.clauseId === "b2")).toMatchObject({ heading: "Data", text: "Definitions apply.\nData shall be published." });
  });

  it("a proposed or agreed text nested too deeply is a readable 400, not a stack overflow (500)", async () => {
    const nested = (depth: number) => {
      let node: Record<string, unknown> = { type: "text", text: "deep" };
      for (let i = 0; i < depth; i++) node = { type: "paragraph", content: [node] };
      return node;
    };
    await expect(
      createAmendment(senegal, draftId, { clauseId: "b3", op: "MOD", proposedDoc: nested(2000), rationale: "Deep.", submit: true }),
    ).rejects.toMatchObject({ code: "invalid" });
    const am = await createAmendment(senegal, draftId, { clauseId: "b3", op: "NOC", rationale: "Keep.", submit: true });
    await expect(updateAmendment(chair, am.id, { status: "accepted_modified", modifiedDoc: nested(2000) })).rejects.toMatchObject({ code: "invalid" });
    expect((await getAmendment(chair, am.id)).status).toBe("submitted");
  });

  it("a passage across a citation can be proposed, reads its base, and an edit inside it makes it outdated (409, text unchanged)", async () => {
    const paragraph = (client.doc.getXmlFragment(YDOC_FIELD).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute("clauseId") === "b5") as Y.XmlElement).get(1) as Y.XmlElement;
    const [before, , after] = paragraph.toArray() as Y.XmlText[];
    const at = (text: Y.XmlText, index: number, assoc = 0) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index, assoc));
    // As the editor quotes it: ProseMirror's text of the selection, where a citation reads "".
    const anchor = { clauseId: "b5", start: at(before, "States ".length), end: at(after, " and publish".length, -1), prefix: "States ", exact: "shall share data  and publish", suffix: " it." };
    const am = await createAmendment(senegal, draftId, { clauseId: "b5", op: "MOD", anchor, proposedText: "may publish", rationale: "Softer.", submit: true });
    expect(am).toMatchObject({ base: "shall share data  and publish", current: "shall share data  and publish", outdated: false });

    after.insert(" and ".length, "never ");
    await waitFor(async () => (await getAmendment(chair, am.id)).outdated, 5000, "outdated after an edit inside the passage");
    await expect(updateAmendment(chair, am.id, { status: "accepted" })).rejects.toMatchObject({ code: "outdated" });
    expect(clauseText(client.doc, "b5")).toBe("States shall share data [MKH23-CON-05] and never publish it.");
  });

  it("the tracked-changes compilation shows an ADD 'before' a passage as an insertion before it", async () => {
    const b1 = readClauses(client.doc).find((c) => c.clauseId === "b1")!;
    const text = paragraphText(client.doc, "b1", 2);
    expect(b1.text.endsWith("Second paragraph.")).toBe(true);
    const i = text.toString().indexOf("paragraph");
    const anchor = {
      clauseId: "b1",
      start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
      end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + "paragraph".length, -1)),
      prefix: "Second ", exact: "paragraph", suffix: ".",
    };
    await createAmendment(senegal, draftId, { clauseId: "b1", op: "ADD", position: "before", anchor, proposedText: "INSERTED-BEFORE", rationale: "Order.", submit: true });
    const file = await exportDraft(chair, draftId, { format: "docx", amendments: "tracked" });
    const documentXml = strFromU8(unzipSync(new Uint8Array(file.body))["word/document.xml"]);
    const paragraph = documentXml.slice(documentXml.lastIndexOf("<w:p>", documentXml.indexOf("INSERTED-BEFORE")), documentXml.indexOf("</w:p>", documentXml.indexOf("INSERTED-BEFORE")));
    const words = [...paragraph.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)].map((m) => m[1]).join("");
    expect(words).toBe("Second INSERTED-BEFOREparagraph.");
  });

  it("a quote-only anchor (an API client sends no positions) is fixed to positions when proposed, so it follows edits: an edit inside it shows the current text and refuses acceptance", async () => {
    const before = clauseText(client.doc, "b2")!;
    const am = await createAmendment(senegal, draftId, {
      clauseId: "b2", op: "MOD", anchor: { clauseId: "b2", prefix: "", exact: "Data shall be", suffix: "" }, proposedText: "Data may be", rationale: "Softer.", submit: true,
    });
    expect(am.anchor?.start).toBeDefined();
    // The paragraph holding the passage (earlier tests added one above it).
    const n = [0, 1, 2].find((i) => paragraphText(client.doc, "b2", i).toString().startsWith("Data shall be"))!;
    const text = paragraphText(client.doc, "b2", n);
    client.doc.transact(() => text.insert("Data shall ".length, "always "));
    await waitFor(async () => (await getAmendment(senegal, am.id)).outdated, 5000, "edit inside the passage seen");
    expect((await getAmendment(senegal, am.id)).current).toBe("Data shall always be");
    await expect(updateAmendment(chair, am.id, { status: "accepted" })).rejects.toMatchObject({ code: "outdated" });
    expect(clauseText(client.doc, "b2")).toBe(before.replace("Data shall ", "Data shall always "));
  });

  it("a decision notifies every member of the co-sponsoring delegations the sponsor named, not only those who joined themselves", async () => {
    const ghana = await memberOf("Ghana", "Kwame Mensah");
    const ghanaColleague = await memberOf("Ghana", "Ama Owusu");
    const am = await createAmendment(senegal, draftId, { clauseId: "b3", op: "NOC", rationale: "Keep as is.", cosponsors: ["Ghana"], submit: true });
    await updateAmendment(chair, am.id, { status: "not_accepted", observation: "No change needed." });
    for (const who of [senegal, ghana, ghanaColleague]) {
      const notes = (await listNotifications(who)).filter((n) => n.type === "amendment_decided" && n.data.amendmentId === am.id);
      expect(notes, who.name).toHaveLength(1);
    }
    expect((await listNotifications(chair)).filter((n) => n.type === "amendment_decided" && n.data.amendmentId === am.id)).toEqual([]);
  });
});
