// Presence in the French text (issue 13, item 3): a caret placed in the "fr" fragment reaches the
// others as sent (the server's cursor check accepts relative positions in either text), and the
// text language the person is in travels with the article id, so the outline can say where.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab, type TestClient } from "../helpers/collab";
import { fragmentOf } from "@/lib/editor/languages";

type State = Record<string, unknown>;
const statesOf = (c: TestClient) => c.provider.awareness.getStates() as Map<number, State>;

describe("presence in the French text", () => {
  let collab: RunningCollab;
  let writer: TestClient, watcher: TestClient;

  beforeAll(async () => {
    await useFreshDatabase();
    const [secretariat, member, chair] = await Promise.all([makeActor("secretariat"), makeActor("member"), makeActor("chair")]);
    const draftId = (await makeDraft(secretariat, "Bilingual presence", [{ clauseId: "c1", heading: "", paragraphs: [["text"]] }])).id;
    collab = await startCollab();
    writer = await connectAs(collab, member, draftId);
    watcher = await connectAs(collab, chair, draftId);
    await Promise.all([waitForSync(writer), waitForSync(watcher)]);
    // The room gives an old draft its French articles at load.
    await waitFor(() => fragmentOf(writer.doc, "fr").length > 0, 5000, "French text");
  });
  afterAll(async () => {
    writer.destroy();
    watcher.destroy();
    await collab.stop();
  });

  it("a cursor in the French fragment and the text language reach the others unchanged", async () => {
    const article = fragmentOf(writer.doc, "fr").get(0) as Y.XmlElement;
    // As y-prosemirror encodes them: inside an article (an item id) and at the fragment's root (its name).
    const anchor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(article, 0));
    const head = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(fragmentOf(writer.doc, "fr"), 1));
    writer.provider.awareness.setLocalState({ cursor: { anchor, head }, clauseId: "c1", lang: "fr" });
    await waitFor(() => statesOf(watcher).get(writer.doc.clientID)?.lang === "fr", 5000, "presence seen");
    const seen = statesOf(watcher).get(writer.doc.clientID)!;
    expect(seen.clauseId).toBe("c1");
    expect(seen.cursor).toEqual({ anchor, head });
    expect(head).toMatchObject({ tname: "fr" });
    // The watcher resolves that cursor in its own French text, not in the English one.
    const resolved = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON((seen.cursor as { anchor: unknown }).anchor), watcher.doc);
    expect(resolved?.type).toBe(fragmentOf(watcher.doc, "fr").get(0));
  });

  it("a language that is no text language is dropped", async () => {
    writer.provider.awareness.setLocalState({ clauseId: "c1", lang: "de" });
    await waitFor(() => statesOf(watcher).get(writer.doc.clientID)?.cursor === null, 5000, "presence seen");
    expect(statesOf(watcher).get(writer.doc.clientID)?.lang ?? null).toBeNull();
  });
});
