// Journey 4: an observer comments on a sentence and the delegate who wrote it is notified. The
// writer is found from the Yjs authors of the commented range (DraftClient maps them to people).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { connectAs, startCollab, waitFor, waitForSync, type RunningCollab } from "../helpers/collab";
import { createThread, listNotifications } from "@/server/domain/comments";
import { db } from "@/server/db/client";
import { YDOC_FIELD } from "@/lib/editor/schema";
import type { Actor } from "@/server/domain/actor";

const SENTENCE = " Screening shall not lead to refoulement.";

function paragraphText(doc: Y.Doc): Y.XmlText {
  return ((doc.getXmlFragment(YDOC_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

describe("a comment reaches whoever wrote the commented text", () => {
  let collab: RunningCollab;
  let member: Actor, observer: Actor, secretariat: Actor;
  let draftId: string;

  beforeAll(async () => {
    await useFreshDatabase();
    collab = await startCollab();
    [secretariat, member, observer] = await Promise.all([makeActor("secretariat"), makeActor("member", "Aminata Diallo"), makeActor("observer", "Claire Martin")]);
    draftId = (await makeDraft(secretariat, "Journey 4", [{ clauseId: "c1", heading: "Screening", paragraphs: [["Article text."]] }])).id;
  });
  afterAll(async () => collab.stop());

  it("notifies the writer, not the commenter, with the quote", async () => {
    const writer = await connectAs(collab, member, draftId);
    await waitForSync(writer);
    const text = paragraphText(writer.doc);
    text.insert(text.length, SENTENCE);
    await waitFor(async () => (await db().draftClient.count({ where: { draftId, userId: member.id } })) > 0, 5000, "the writer's client id to be remembered");

    const full = text.toString();
    const i = full.indexOf("refoulement");
    const anchor = {
      clauseId: "c1",
      start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i)),
      end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i + "refoulement".length, -1)),
      prefix: full.slice(Math.max(0, i - 30), i),
      exact: "refoulement",
      suffix: full.slice(i + "refoulement".length),
    };
    await createThread(observer, draftId, { anchor, body: "This contradicts the non-refoulement principle." });

    const forWriter = await listNotifications(member);
    expect(forWriter).toHaveLength(1);
    expect(forWriter[0]).toMatchObject({ type: "comment", read: false, data: { draftId, by: "Claire Martin", quote: "refoulement" } });
    expect(await listNotifications(observer)).toHaveLength(0);

    // Commenting on one's own text notifies nobody.
    await createThread(member, draftId, { anchor, body: "I will rephrase." });
    expect(await listNotifications(member)).toHaveLength(1);
    writer.destroy();
  });
});
