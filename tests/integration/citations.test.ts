// Citations follow the live text: a client adds and removes citation nodes through Yjs, and the
// clause index, reverse links and coverage follow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { NODE, YDOC_FIELD } from "@/lib/editor/schema";
import { ensureMarrakeshImported } from "@/server/import/import-document";
import { searchSources } from "@/server/domain/sources";
import { citationsOfSource, clearNotAddressed, draftCoverage, markNotAddressed } from "@/server/domain/citations";
import { listClauses } from "@/server/domain/drafts";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { db } from "@/server/db/client";
import { overTheWire } from "../helpers/contract";
import { clauseListSchema } from "@/lib/contracts/drafts";
import { sourceCitationListSchema } from "@/lib/contracts/sources";
import { draftCoverageSchema } from "@/lib/contracts/coverage";

function cite(doc: Y.Doc, clauseIndex: number, item: { id: string; key: string }) {
  const clause = doc.getXmlFragment(YDOC_FIELD).get(clauseIndex) as Y.XmlElement;
  const paragraph = clause.get(1) as Y.XmlElement;
  const el = new Y.XmlElement(NODE.citation);
  el.setAttribute("sourceItemId", item.id);
  el.setAttribute("key", item.key);
  paragraph.insert(paragraph.length, [el]);
}

function uncite(doc: Y.Doc, clauseIndex: number, sourceItemId: string) {
  const paragraph = (doc.getXmlFragment(YDOC_FIELD).get(clauseIndex) as Y.XmlElement).get(1) as Y.XmlElement;
  const i = paragraph.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute("sourceItemId") === sourceItemId);
  paragraph.delete(i, 1);
}

describe("citations, reverse links and coverage", () => {
  let collab: RunningCollab;
  let member: Actor, viewer: Actor, observer: Actor, secretariat: Actor;
  let draftId: string;
  let rec7: { id: string; key: string }, con5: { id: string; key: string };

  beforeAll(async () => {
    await useFreshDatabase();
    await ensureMarrakeshImported(SYSTEM_ACTOR);
    [member, viewer, observer, secretariat] = await Promise.all([makeActor("member"), makeActor("viewer"), makeActor("observer"), makeActor("secretariat")]);
    draftId = (await makeDraft(secretariat, "Citing draft", [
      { clauseId: "art-1", heading: "One", paragraphs: [["First article."]] },
      { clauseId: "art-2", heading: "Screening", paragraphs: [["Second article."]] },
    ])).id;
    const items = await searchSources(member, {});
    rec7 = items.find((i) => i.key === "MKH23-REC-07")!;
    con5 = items.find((i) => i.key === "MKH23-CON-05")!;
    collab = await startCollab();
  });
  afterAll(() => collab.stop());

  it("indexes citations added and removed through the live document", async () => {
    const client = await connectAs(collab, member, draftId);
    await waitForSync(client);
    cite(client.doc, 1, rec7);
    cite(client.doc, 1, con5);
    cite(client.doc, 0, rec7);
    const clauses = await waitFor(async () => {
      const rows = overTheWire(clauseListSchema, await listClauses(viewer, draftId));
      return rows[1].citations.length === 2 && rows[0].citations.length === 1 ? rows : null;
    }, 5000, "citations indexed");
    expect(clauses[1].citations.map((c) => c.key).sort()).toEqual(["MKH23-CON-05", "MKH23-REC-07"]);
    expect(clauses[1].text).toBe("Second article.[MKH23-REC-07][MKH23-CON-05]");

    const reverse = overTheWire(sourceCitationListSchema, await citationsOfSource(viewer, rec7.id));
    expect(reverse.map((r) => [r.clauseId, r.number])).toEqual([["art-1", 1], ["art-2", 2]]);

    const coverage = overTheWire(draftCoverageSchema, await draftCoverage(viewer, draftId));
    expect(coverage.totals.recommendation).toEqual({ items: 19, cited: 1 });
    expect(coverage.totals.conclusion).toEqual({ items: 6, cited: 1 });
    expect(coverage.items.find((i) => i.key === "MKH23-REC-07")).toMatchObject({ status: "cited", clauses: ["art-1", "art-2"] });
    expect(coverage.items[0].status).toBe("uncovered");

    uncite(client.doc, 0, rec7.id);
    await waitFor(async () => (overTheWire(sourceCitationListSchema, await citationsOfSource(viewer, rec7.id))).length === 1, 5000, "reverse link removed");
    expect((overTheWire(draftCoverageSchema, await draftCoverage(viewer, draftId))).items.find((i) => i.key === "MKH23-REC-07")!.clauses).toEqual(["art-2"]);
    client.destroy();
  });

  it("records deliberate omissions for members, not for viewers or observers", async () => {
    const rec1 = (await searchSources(member, { q: "financial support" }))[0];
    await expect(markNotAddressed(viewer, draftId, { sourceItemId: rec1.id, reason: "Not for the Charter" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(markNotAddressed(observer, draftId, { sourceItemId: rec1.id, reason: "Not for the Charter" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(markNotAddressed(member, draftId, { sourceItemId: rec1.id, reason: "" })).rejects.toMatchObject({ code: "invalid" });
    await markNotAddressed(member, draftId, { sourceItemId: rec1.id, reason: "Funding belongs to the action plan, not the Charter" });
    const coverage = overTheWire(draftCoverageSchema, await draftCoverage(observer, draftId, { status: "not_addressed" }));
    expect(coverage.items.map((i) => [i.key, i.decision?.reason])).toEqual([["MKH23-REC-01", "Funding belongs to the action plan, not the Charter"]]);
    expect(await db().auditLog.count({ where: { action: "coverage.not_addressed" } })).toBe(1);
    await clearNotAddressed(member, draftId, rec1.id);
    expect((overTheWire(draftCoverageSchema, await draftCoverage(viewer, draftId, { status: "not_addressed" }))).items).toEqual([]);
  });

  it("flags citations of deleted or withdrawn items instead of dropping them", async () => {
    const client = await connectAs(collab, member, draftId);
    await waitForSync(client);
    cite(client.doc, 0, { id: "deleted-item", key: "MKH23-REC-99" });
    const clauses = await waitFor(async () => {
      const rows = overTheWire(clauseListSchema, await listClauses(viewer, draftId));
      return rows[0].citations.some((c) => c.status === "missing") ? rows : null;
    }, 5000, "missing citation flagged");
    expect(clauses[0].citations).toContainEqual(expect.objectContaining({ key: "MKH23-REC-99", status: "missing" }));
    const coverage = overTheWire(draftCoverageSchema, await draftCoverage(viewer, draftId));
    expect(coverage.missing).toEqual([{ clauseId: "art-1", number: 1, sourceItemId: "deleted-item", key: "MKH23-REC-99" }]);
    // a re-import that drops CON-05 withdraws it; the citation is still reported, flagged
    await db().sourceItem.update({ where: { id: con5.id }, data: { status: "withdrawn" } });
    const after = overTheWire(draftCoverageSchema, await draftCoverage(viewer, draftId));
    expect(after.items.find((i) => i.key === "MKH23-CON-05")).toMatchObject({ status: "cited", withdrawn: true });
    expect(after.totals.conclusion).toEqual({ items: 5, cited: 0 });
    client.destroy();
  });
});
