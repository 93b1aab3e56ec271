// The update log is written off the event loop: a commit that waits for the disk (here, for a
// write lock another connection holds) must not stop the server from relaying messages, and the
// change it carries is stored and delivered once the database is free again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { readClauses } from "@/lib/editor/ydoc";
import { YDOC_FIELD } from "@/lib/editor/schema";
import { loadDraftInto } from "@/server/collab/persistence";
import type { Actor } from "@/server/domain/actor";

function typeInto(doc: Y.Doc, text: string) {
  const p = (doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
  if (p.length === 0) p.insert(0, [new Y.XmlText("")]);
  const t = p.get(0) as Y.XmlText;
  t.insert(t.length, text);
}

async function storedText(draftId: string): Promise<string> {
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  return readClauses(doc)[0]?.text ?? "";
}

describe("the update log's writer", () => {
  let collab: RunningCollab;
  let file: string;
  let writer: Actor, watcher: Actor, secretariat: Actor;
  beforeAll(async () => {
    file = await useFreshDatabase();
    writer = await makeActor("member");
    watcher = await makeActor("member");
    secretariat = await makeActor("secretariat");
    collab = await startCollab();
  });
  afterAll(() => collab.stop());

  it("keeps relaying presence while a commit waits for the database, then stores and delivers the change", async () => {
    const draft = await makeDraft(secretariat, "Busy disk", [{ clauseId: "c1", heading: "", paragraphs: [[]] }]);
    const a = await connectAs(collab, writer, draft.id);
    const b = await connectAs(collab, watcher, draft.id);
    await Promise.all([waitForSync(a), waitForSync(b)]);

    // Another connection (a backup, a migration, the other process) holds the write lock.
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    let released = false;
    try {
      typeInto(a.doc, "typed while the disk was busy");
      // The server is free to relay while that commit waits: b sees a's presence.
      a.provider.awareness.setLocalStateField("clauseId", "c1");
      await waitFor(
        () => [...b.provider.awareness.getStates().values()].some((s) => s.user?.id === writer.id && s.clauseId === "c1"),
        3000,
        "presence relayed during the commit",
      );
      // Stored before anyone is told: nothing of the change reached b or storage yet.
      expect(readClauses(b.doc)[0].text).toBe("");
      other.exec("COMMIT");
      released = true;
    } finally {
      if (!released) other.exec("ROLLBACK");
      other.close();
    }
    await waitFor(() => readClauses(b.doc)[0].text === "typed while the disk was busy", 5000, "change delivered");
    expect(await storedText(draft.id)).toBe("typed while the disk was busy");
    expect(a.provider.wsconnected).toBe(true);
    a.destroy();
    b.destroy();
  });
});
