// Versions through the real collaboration server: named drafts, comparison with authors,
// automatic checkpoints, restore through the live document, permissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { NODE, YDOC_FIELD } from "@/lib/editor/schema";
import { readClauses } from "@/lib/editor/ydoc";
import { ensureMarrakeshImported } from "@/server/import/import-document";
import { searchSources } from "@/server/domain/sources";
import { clauseHistory, compareVersions, createNamedVersion, getVersion, listVersions, restoreVersion } from "@/server/domain/versions";
import { SYSTEM_ACTOR, type Actor } from "@/server/domain/actor";
import { overTheWire } from "../helpers/contract";
import { comparisonSchema, versionDetailSchema, versionListSchema, versionSchema } from "@/lib/contracts/versions";

function paragraphOf(doc: Y.Doc, index: number): Y.XmlElement {
  return (doc.getXmlFragment(YDOC_FIELD).get(index) as Y.XmlElement).get(1) as Y.XmlElement;
}
function append(doc: Y.Doc, index: number, text: string) {
  const p = paragraphOf(doc, index);
  const t = p.get(0) as Y.XmlText;
  t.insert(t.length, text);
}

describe("versions", () => {
  let collab: RunningCollab;
  let chair: Actor, member: Actor, viewer: Actor, observer: Actor, secretariat: Actor;
  let draftId: string;
  let memberClient: TestClient;

  beforeAll(async () => {
    await useFreshDatabase();
    await ensureMarrakeshImported(SYSTEM_ACTOR);
    [chair, member, viewer, observer, secretariat] = await Promise.all([makeActor("chair", "Youssef"), makeActor("member", "Aminata"), makeActor("viewer"), makeActor("observer"), makeActor("secretariat")]);
    const con5 = (await searchSources(member, { q: "African Migration Observatory" }))[0];
    draftId = (await makeDraft(secretariat, "Versioned", [
      { clauseId: "a1", heading: "Scope", paragraphs: [["The Charter applies at all borders."]] },
      { clauseId: "a2", heading: "Data", paragraphs: [["Data shall be shared.", " ", { cite: { sourceItemId: con5.id, key: con5.key } }]] },
      { clauseId: "a3", heading: "Training", paragraphs: [["Officers shall be trained."]] },
    ])).id;
    collab = await startCollab({ checkpointQuietMs: 150 });
    memberClient = await connectAs(collab, member, draftId);
    await waitForSync(memberClient);
  });
  function serverClauses() {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, collab.server.liveState(draftId)!);
    const clauses = readClauses(doc);
    doc.destroy();
    return clauses;
  }
  afterAll(async () => {
    memberClient.destroy();
    await collab.stop();
  });

  it("only the chair and the secretariat name versions", async () => {
    await expect(createNamedVersion(member, draftId, { name: "Draft 1" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createNamedVersion(viewer, draftId, { name: "Draft 1" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createNamedVersion(chair, draftId, { name: "  " })).rejects.toMatchObject({ code: "invalid" });
  });

  it("compares Draft 1 with Draft 2: both clause changes, word diffs, the removed citation and who made them", async () => {
    const draft1 = overTheWire(versionSchema, await createNamedVersion(chair, draftId, { name: "Draft 1", note: "For the plenary" }));
    append(memberClient.doc, 0, " It respects human rights.");
    const data = paragraphOf(memberClient.doc, 1);
    const citeIndex = data.toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === NODE.citation);
    data.delete(citeIndex, 1);
    (data.get(0) as Y.XmlText).insert(0, "Key ");
    // The version is taken from the server's live document: wait until the server holds both edits.
    await waitFor(() => {
      const clauses = serverClauses();
      return clauses[0].text.endsWith("It respects human rights.") && clauses[1].citations.length === 0 && clauses[1].text.startsWith("Key ");
    }, 10000, "edits applied on the server");
    const draft2 = overTheWire(versionSchema, await createNamedVersion(chair, draftId, { name: "Draft 2" }));
    const comparison = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: draft1.id, to: draft2.id }));
    const changed = comparison.changes.filter((c) => c.kind === "changed").map((c) => c.clauseId);
    expect(changed).toEqual(["a1", "a2"]);
    const a1 = comparison.changes.find((c) => c.clauseId === "a1")!;
    expect(a1.textDiff!.filter((p) => p.added).map((p) => p.value).join("")).toContain("It respects human rights.");
    const a2 = comparison.changes.find((c) => c.clauseId === "a2")!;
    expect(a2.citationsRemoved).toEqual(["MKH23-CON-05"]);
    expect(comparison.authors.a1).toEqual([expect.stringContaining("Aminata")]);
    expect(comparison.authors.a2).toEqual([expect.stringContaining("Aminata")]);
    expect(comparison.authors.a3).toBeUndefined();
    // history lists both, newest first, with the editors of Draft 2
    const versions = overTheWire(versionListSchema, await listVersions(observer, draftId));
    expect(versions.filter((v) => v.kind === "named").map((v) => v.name)).toEqual(["Draft 2", "Draft 1"]);
    expect(versions.find((v) => v.name === "Draft 2")).toMatchObject({ summary: { changed: 2, citationsRemoved: 1 }, editors: [expect.stringContaining("Aminata")] });
    // a version can be read as it was
    const old = overTheWire(versionDetailSchema, await getVersion(viewer, draftId, draft1.id));
    expect(old.clauses.map((c) => [c.number, c.heading])).toEqual([[1, "Scope"], [2, "Data"], [3, "Training"]]);
    expect(old.clauses[1].citations.map((c) => c.key)).toEqual(["MKH23-CON-05"]);
    // and compared with the current text
    const toNow = overTheWire(comparisonSchema, await compareVersions(viewer, draftId, { from: draft1.id, to: "current" }));
    expect(toNow.changes.filter((c) => c.kind === "changed")).toHaveLength(2);
  });

  it("takes an automatic version after a burst of edits ends", async () => {
    const before = overTheWire(versionListSchema, await listVersions(viewer, draftId)).length;
    append(memberClient.doc, 2, " Regularly.");
    const versions = await waitFor(async () => {
      const list = overTheWire(versionListSchema, await listVersions(viewer, draftId));
      return list.length > before ? list : null;
    }, 5000, "automatic version");
    expect(versions[0]).toMatchObject({ kind: "auto", summary: { changed: 1 }, editors: [expect.stringContaining("Aminata")] });
  });

  it("restores Draft 1 through the live document: connected clients see it, history records it", async () => {
    const draft1 = (overTheWire(versionListSchema, await listVersions(viewer, draftId))).find((v) => v.name === "Draft 1")!;
    const chairClient = await connectAs(collab, chair, draftId);
    await waitForSync(chairClient);
    await expect(restoreVersion(member, draftId, draft1.id)).rejects.toMatchObject({ code: "forbidden" });
    const restored = await restoreVersion(chair, draftId, draft1.id);
    expect(restored).toMatchObject({ kind: "restore", name: "Restored: Draft 1" });
    for (const client of [memberClient, chairClient]) {
      await waitFor(() => readClauses(client.doc)[0].text === "The Charter applies at all borders.", 5000, "restored text live");
      expect(readClauses(client.doc)[1].citations.map((c) => c.key)).toEqual(["MKH23-CON-05"]);
      expect(readClauses(client.doc)[2].text).toBe("Officers shall be trained.");
    }
    // clause ids survive a restore, so comments and citations keep their clauses
    expect(readClauses(memberClient.doc).map((c) => c.clauseId)).toEqual(["a1", "a2", "a3"]);
    const history = await clauseHistory(viewer, draftId, "a1");
    expect(history.map((h) => h.text)).toEqual([
      "The Charter applies at all borders.",
      "The Charter applies at all borders. It respects human rights.",
      "The Charter applies at all borders.",
    ]);
    expect(history[1].authors).toEqual([expect.stringContaining("Aminata")]);
    const kinds = (overTheWire(versionListSchema, await listVersions(viewer, draftId))).map((v) => v.kind);
    expect(kinds[0]).toBe("restore");
    chairClient.destroy();
  });
});
