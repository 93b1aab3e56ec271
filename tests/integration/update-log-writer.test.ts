// The update log's writer thread writes the rows Prisma reads: same table, columns and formats,
// seq numbering that compaction's compare-and-swap relies on, all or nothing per batch.
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useFreshDatabase } from "../helpers/db";
import { makeActor, makeDraft } from "../helpers/factories";
import { closeDb, db, updateLogWriter } from "@/server/db/client";
import { compactDraft, loadDraftInto, UpdateLog } from "@/server/collab/persistence";
import type { Actor } from "@/server/domain/actor";

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

describe("the update log's writer thread", () => {
  let secretariat: Actor;
  beforeAll(async () => {
    await useFreshDatabase();
    secretariat = await makeActor("secretariat");
  });

  it("stores rows that Prisma reads back (bytes, author, date) in append order", async () => {
    const draft = await makeDraft(secretariat, "Writer rows");
    const source = new Y.Doc();
    const log = new UpdateLog();
    const updates = ["a", "b", "c"].map((t) => textUpdate(source, t));
    const before = Date.now();
    await Promise.all(updates.map((data, i) => log.append({ draftId: draft.id, data, userId: i === 1 ? null : secretariat.id })));
    const rows = await db().draftUpdate.findMany({ where: { draftId: draft.id }, orderBy: { seq: "asc" } });
    const mine = rows.slice(-3);
    expect(mine.map((r) => Buffer.from(r.data))).toEqual(updates.map((u) => Buffer.from(u)));
    expect(mine.map((r) => r.userId)).toEqual([secretariat.id, null, secretariat.id]);
    for (const r of mine) expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(mine[0].seq).toBeLessThan(mine[1].seq);
    const loaded = new Y.Doc();
    await loadDraftInto(draft.id, loaded);
    expect(loaded.getText("t").toString()).toBe("abc");
  });

  it("compaction folds what the writer stored, and later appends follow the snapshot", async () => {
    const draft = await makeDraft(secretariat, "Writer compaction");
    const source = new Y.Doc();
    const log = new UpdateLog();
    for (const t of ["one ", "two "]) await log.append({ draftId: draft.id, data: textUpdate(source, t), userId: null });
    expect(await compactDraft(draft.id)).not.toBeNull();
    await log.append({ draftId: draft.id, data: textUpdate(source, "three"), userId: null });
    const loaded = new Y.Doc();
    await loadDraftInto(draft.id, loaded);
    expect(loaded.getText("t").toString()).toBe("one two three");
  });

  it("refuses a whole batch that cannot be stored, and goes on storing the next", async () => {
    const draft = await makeDraft(secretariat, "Writer refusal");
    const source = new Y.Doc();
    const writer = updateLogWriter()!;
    const good = textUpdate(source, "kept");
    await expect(
      writer.append([
        { draftId: draft.id, data: textUpdate(new Y.Doc(), "lost"), userId: null },
        { draftId: "no-such-draft", data: new Uint8Array([0, 0]), userId: null },
      ]),
    ).rejects.toThrow(/update log append failed/);
    expect(await db().draftUpdate.count({ where: { draftId: draft.id } })).toBe(0);
    await writer.append([{ draftId: draft.id, data: good, userId: null }]);
    expect(await db().draftUpdate.count({ where: { draftId: draft.id } })).toBe(1);
  });

  it("a Prisma transaction that reads, then writes, succeeds while the writer thread appends", async () => {
    const draft = await makeDraft(secretariat, "Two connections");
    const source = new Y.Doc();
    let appended: Promise<number> | null = null;
    // e.g. compaction's compare-and-swap, an upsert: read, await, write. Prisma's BEGIN used to be
    // deferred, so a commit of the other connection in between made its write fail (SQLITE_BUSY,
    // "Operation has timed out").
    await db().$transaction(async (tx) => {
      await tx.draft.findUnique({ where: { id: draft.id }, select: { title: true } });
      appended = new UpdateLog().append({ draftId: draft.id, data: textUpdate(source, "typed meanwhile"), userId: null });
      await new Promise((r) => setTimeout(r, 200)); // other work of the event loop
      await tx.draft.update({ where: { id: draft.id }, data: { title: "Renamed in a transaction" } });
    });
    await appended;
    expect((await db().draft.findUnique({ where: { id: draft.id } }))!.title).toBe("Renamed in a transaction");
    const loaded = new Y.Doc();
    await loadDraftInto(draft.id, loaded);
    expect(loaded.getText("t").toString()).toBe("typed meanwhile");
  });

  it("closes after storing what it was sent, and a new writer starts on the next append", async () => {
    const draft = await makeDraft(secretariat, "Writer close");
    const source = new Y.Doc();
    const writer = updateLogWriter()!;
    const pending = writer.append([{ draftId: draft.id, data: textUpdate(source, "before close"), userId: null }]);
    await closeDb();
    await pending;
    await expect(writer.append([{ draftId: draft.id, data: new Uint8Array([0, 0]), userId: null }])).rejects.toThrow(/closed/);
    await new UpdateLog().append({ draftId: draft.id, data: textUpdate(source, " and after"), userId: null });
    const loaded = new Y.Doc();
    await loadDraftInto(draft.id, loaded);
    expect(loaded.getText("t").toString()).toBe("before close and after");
  });
});
