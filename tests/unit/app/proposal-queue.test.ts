// The device's queue of amendment proposals made offline: what is kept, what is sent, in which
// order, and what a refusal leaves for the user.
import { describe, expect, it } from "vitest";
import { MAX_PENDING_ANSWERS, ProposalQueue, type KeyValueStore, type ProposalBody, type SendProposal } from "@/app/drafts/[id]/amendments/proposal-queue";

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
  removeItem = (key: string) => void this.values.delete(key);
}

const proposal = (clauseId: string): ProposalBody => ({ clauseId, op: "SUP", type: "te", rationale: "Redundant.", cosponsors: [], sources: [], submit: true });

/** A server that answers per clause id, and records what it was sent. */
function server(answers: Record<string, { code: string; message?: string } | "ok">) {
  const received: string[] = [];
  let number = 0;
  const send: SendProposal = async (body) => {
    received.push(body.clauseId);
    const answer = answers[body.clauseId] ?? "ok";
    if (answer === "ok") return { ok: true, data: { number: `AM-00${++number}`, status: "submitted" } };
    return { ok: false, status: answer.code === "network" ? 0 : 400, code: answer.code, message: answer.message ?? answer.code };
  };
  return { send, received };
}

describe("proposal queue", () => {
  it("keeps proposals across a reload (a new queue over the same storage) and sends them in order", async () => {
    const store = new MemoryStore();
    new ProposalQueue(store, "k").add(proposal("a"));
    new ProposalQueue(store, "k").add(proposal("b"));
    const reloaded = new ProposalQueue(store, "k");
    expect(reloaded.list().map((e) => e.body.clauseId)).toEqual(["a", "b"]);
    const { send, received } = server({});
    const result = await reloaded.flush(send);
    expect(received).toEqual(["a", "b"]);
    expect(result.sent.map((s) => s.number)).toEqual(["AM-001", "AM-002"]);
    expect(reloaded.list()).toEqual([]);
    expect(store.values.size).toBe(0);
  });

  it("stops at a network failure and keeps everything queued", async () => {
    const queue = new ProposalQueue(new MemoryStore(), "k");
    queue.add(proposal("a"));
    queue.add(proposal("b"));
    const { send, received } = server({ a: { code: "network" } });
    expect(await queue.flush(send)).toMatchObject({ sent: [], refused: [], waiting: true });
    expect(received).toEqual(["a"]);
    expect(queue.list().map((e) => e.state)).toEqual(["queued", "queued"]);
  });

  it("keeps a refused proposal with the server's error and sends the next one", async () => {
    const queue = new ProposalQueue(new MemoryStore(), "k");
    queue.add(proposal("gone"));
    queue.add(proposal("b"));
    const { send } = server({ gone: { code: "invalid", message: "The article is no longer in the draft." } });
    const result = await queue.flush(send);
    expect(result.sent.map((s) => s.entry.body.clauseId)).toEqual(["b"]);
    expect(queue.list()).toMatchObject([{ state: "refused", body: { clauseId: "gone" }, error: { code: "invalid", message: "The article is no longer in the draft." } }]);
    // A later flush leaves it alone; requeued, it is sent again.
    const again = server({});
    await queue.flush(again.send);
    expect(again.received).toEqual([]);
    queue.requeue(queue.list()[0]!.id);
    await queue.flush(again.send);
    expect(again.received).toEqual(["gone"]);
    expect(queue.list()).toEqual([]);
  });

  it("waits while the anchored text has not reached the server, then gives up with the error", async () => {
    const queue = new ProposalQueue(new MemoryStore(), "k");
    queue.add(proposal("a"));
    const { send } = server({ a: { code: "text_pending", message: "not yet" } });
    for (let i = 1; i < MAX_PENDING_ANSWERS; i++) {
      expect(await queue.flush(send)).toMatchObject({ waiting: true, refused: [] });
      expect(queue.list()[0]).toMatchObject({ state: "queued", pendingAnswers: i });
    }
    expect(await queue.flush(send)).toMatchObject({ waiting: false, refused: [{ error: { code: "text_pending" } }] });
    expect(queue.list()[0]).toMatchObject({ state: "refused" });
  });

  it("sends each proposal once when two flushes overlap", async () => {
    const queue = new ProposalQueue(new MemoryStore(), "k");
    queue.add(proposal("a"));
    const { send, received } = server({});
    await Promise.all([queue.flush(send), queue.flush(send)]);
    expect(received).toEqual(["a"]);
  });

  it("discards on request and survives unreadable storage", () => {
    const store = new MemoryStore();
    const queue = new ProposalQueue(store, "k");
    const entry = queue.add(proposal("a"));
    queue.discard(entry.id);
    expect(queue.list()).toEqual([]);
    store.setItem("k", "{not json");
    expect(queue.list()).toEqual([]);
  });
});
