// Proposals made without a connection wait on the device (localStorage: survives a reload and a
// closed laptop) and are sent when the connection is back. Order matters twice:
// - the caller flushes only once the editor's own offline edits have synced, since the anchor's
//   relative positions may point at text typed offline;
// - the server still answers `text_pending` while that text is on its way to storage: the entry
//   stays queued and the caller tries again shortly, a few times, then keeps it as refused.
// A refused proposal is never dropped: it stays with the server's error until its author sends it
// again or discards it. No React and no browser globals here, so the tests drive it directly.
import type { ApiResult } from "../../../_components/api";
import type { CommentAnchor } from "@/lib/contracts/comments"; // type only: no zod on the editor page
import type { TextLang } from "@/lib/editor/languages";

/** The POST /api/drafts/:id/amendments body (lib/contracts/amendments.ts newAmendmentSchema). */
export interface ProposalBody {
  clauseId: string;
  /** The text it amends (the editor's); absent in proposals queued before languages: English. */
  lang?: TextLang;
  op: "ADD" | "MOD" | "SUP" | "NOC";
  type: "ge" | "te" | "ed";
  anchor?: CommentAnchor;
  position?: "before" | "after";
  proposedText?: string;
  proposedDoc?: unknown;
  rationale: string;
  cosponsors: string[];
  sources: string[];
  submit: boolean;
}

export interface QueuedProposal {
  /** The device's own id for the entry (not the amendment's). */
  id: string;
  queuedAt: string;
  body: ProposalBody;
  state: "queued" | "refused";
  /** Times the server answered `text_pending` for it. */
  pendingAnswers: number;
  error: { code: string; message: string } | null;
}

export interface SentProposal {
  entry: QueuedProposal;
  number: string | null;
  status: string;
}

export interface FlushResult {
  sent: SentProposal[];
  refused: QueuedProposal[];
  /** True when something is still waiting for the server (offline again, or text not arrived). */
  waiting: boolean;
}

/** The subset of Web Storage the queue needs. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type SendProposal = (body: ProposalBody) => Promise<ApiResult<{ number: string | null; status: string }>>;

/** Answers that say "not now" rather than "no": the entry stays queued. */
const TRANSIENT = new Set(["network", "unauthenticated", "rate_limited", "unavailable", "internal"]);
/** The server never received the anchored text after this many tries: keep it as refused. */
export const MAX_PENDING_ANSWERS = 6;

export class ProposalQueue {
  private flushing: Promise<FlushResult> | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  list(): QueuedProposal[] {
    try {
      const raw = this.store.getItem(this.key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as QueuedProposal[]) : [];
    } catch {
      return []; // unreadable storage: nothing to send (never throw in the editor)
    }
  }

  add(body: ProposalBody, now = new Date()): QueuedProposal {
    const entry: QueuedProposal = { id: `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, queuedAt: now.toISOString(), body, state: "queued", pendingAnswers: 0, error: null };
    this.save([...this.list(), entry]);
    return entry;
  }

  discard(id: string): void {
    this.save(this.list().filter((e) => e.id !== id));
  }

  /** A refused entry is queued again (its author fixed the cause, or wants another try). */
  requeue(id: string): void {
    this.save(this.list().map((e) => (e.id === id ? { ...e, state: "queued", pendingAnswers: 0, error: null } : e)));
  }

  /** Sends the queued entries in order; one flush at a time. */
  flush(send: SendProposal): Promise<FlushResult> {
    this.flushing ??= this.sendAll(send).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async sendAll(send: SendProposal): Promise<FlushResult> {
    const result: FlushResult = { sent: [], refused: [], waiting: false };
    for (const entry of this.list().filter((e) => e.state === "queued")) {
      const answer = await send(entry.body);
      if (answer.ok) {
        this.discard(entry.id);
        result.sent.push({ entry, number: answer.data.number, status: answer.data.status });
        continue;
      }
      if (TRANSIENT.has(answer.code)) {
        result.waiting = true;
        break; // the next ones would meet the same answer
      }
      const error = { code: answer.code, message: answer.message };
      if (answer.code === "text_pending" && entry.pendingAnswers + 1 < MAX_PENDING_ANSWERS) {
        this.update(entry.id, { pendingAnswers: entry.pendingAnswers + 1 });
        result.waiting = true;
        break; // later entries may anchor on the same offline text
      }
      const refused = { ...entry, state: "refused" as const, error };
      this.update(entry.id, { state: "refused", error });
      result.refused.push(refused);
    }
    return result;
  }

  private update(id: string, patch: Partial<QueuedProposal>): void {
    this.save(this.list().map((e) => (e.id === id ? { ...e, ...patch } : e)));
  }

  private save(entries: QueuedProposal[]): void {
    if (entries.length) this.store.setItem(this.key, JSON.stringify(entries));
    else this.store.removeItem(this.key);
  }
}
