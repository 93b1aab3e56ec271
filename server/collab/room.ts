// One draft's live document and the people connected to it: loading from the stored log,
// validation of every update on a scratch copy, storage before anything is applied or
// broadcast, the move-carry hook, presence (identity-stamped), touched clauses and automatic
// versions, indexing and compaction after stored changes.
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { PRESENCE_LIMITS, sanitizePresence } from "@/lib/presence";
import { CLOSE } from "./close-codes";
import { UpdateLog, compactDraft, jobSeqsOf, loadDraftInto, loadFoldedState, logLengthOf, readLogAfter, rememberClients, storedHeadSeq, withJobLock } from "./persistence";
import { SequenceWindow } from "./sequence";
import type { CollabBus, DraftBusMessage, FromProcess } from "./bus";
import { splitTextKey, textsDeletedBy, textsInsertedBy, type TextKey } from "./attribution";
import { MoveCarry } from "./move-carry";
import { StructureWatch, alignLanguages, articlesRemovedBy, languagesAligned, type AlignmentHistory } from "@/lib/editor/align-languages";
import { stageTimes } from "@/server/observability/stage-times";
import type { CollabLog, Connection, ConnectionRoom } from "./connection";
import {
  awarenessEntriesOf,
  awarenessMessage,
  carriesNews,
  encodeAwarenessEntries,
  step2Message,
  syncStep1Message,
  updateMessage,
  type DecodedUpdate,
} from "./protocol";

export type CheckpointReason = "quiet" | "interval" | "left" | "shutdown";
/** The single-writer jobs: each runs once per trigger across app processes (job lock + the draft's job sequence numbers). */
export type JobName = "index" | "compact" | "version" | "mirror";

/** Presence client ids one connection may speak for (a tab has one; Yjs may renew it). */
const MAX_PRESENCE_IDS_PER_CONN = 4;
/** Presence client ids tied to a user, per loaded draft (a committee of 90 with reloads stays far below). */
const MAX_PRESENCE_CLAIMS = 5_000;
/**
 * How long a missing sequence number may stay missing before the room reads it from the store:
 * processes publish after their own commits, so numbers routinely arrive a few ms out of order.
 */
const GAP_WAIT_MS = 150;
/** Stored updates read per query when catching up. */
const CATCH_UP_BATCH = 2_000;
/** Bus messages kept while the room loads (beyond: dropped, and read from the store by sequence). */
const MAX_EARLY_MESSAGES = 10_000;
/** Origin of what another process stored or said (applied here, relayed to every connection, never published back). */
export const FROM_OTHER_PROCESS = Symbol("another process");

/** What a room does after stored changes (see CollabServerOptions for each one). */
export interface RoomSettings {
  /** `editors`: who last edited each article text ("en|clauseId", "fr|clauseId") since the last call; `seq`: the stored updates `doc` holds. */
  indexDraft?(draftId: string, doc: Y.Doc, editors: ReadonlyMap<TextKey, string>, seq: number): Promise<void>;
  checkpoint?(draftId: string, state: Uint8Array, touched: Record<string, string[]>, reason: CheckpointReason, seq: number): Promise<void>;
  checkpointQuietMs: number;
  checkpointMaxMs: number;
  indexDebounceMs: number;
  indexMaxWaitMs: number;
  compactAfterUpdates: number;
  compactOnUnload: boolean;
  log?: CollabLog;
}

export interface RoomStats {
  droppedReadOnlyWrites: number;
  acceptedUpdates: number;
  refusedUpdates: number;
  fullStateEncodings: number;
  scratchCopies: number;
}

/** What the rooms of one server share. */
export interface RoomContext {
  settings: RoomSettings;
  /** One group-committed log for every room. */
  updateLog: UpdateLog;
  /** The bus to the other app processes (REDIS_URL), or null when this process is alone. */
  bus: CollabBus | null;
  stats: RoomStats;
  presenceClaims: PresenceClaims;
  /** Called when the draft cannot be loaded: the server drops the room from its map. */
  forget(room: Room): void;
}

/**
 * Per draft, presence client id → the user who first spoke for it (bounded). A claim lives as
 * long as its room: when the room unloads nobody is present any more, and keeping the claims
 * grew the heap by one entry per session (the soak). A returning client claims its id again.
 */
export class PresenceClaims {
  private readonly byDraft = new Map<string, Map<number, string>>();
  private count = 0;
  get size(): number {
    return this.count;
  }
  userOf(draftId: string, clientId: number): string | undefined {
    return this.byDraft.get(draftId)?.get(clientId);
  }
  claim(draftId: string, clientId: number, userId: string): void {
    let claims = this.byDraft.get(draftId);
    if (!claims) this.byDraft.set(draftId, (claims = new Map()));
    if (claims.has(clientId)) return;
    if (claims.size >= MAX_PRESENCE_CLAIMS) {
      claims.delete(claims.keys().next().value!);
      this.count--;
    }
    claims.set(clientId, userId);
    this.count++;
  }
  forgetDraft(draftId: string): void {
    this.count -= this.byDraft.get(draftId)?.size ?? 0;
    this.byDraft.delete(draftId);
  }
}

/** A language-mirror change, stored right behind the change that caused it. */
interface StoredMirror {
  seq: number;
  data: Uint8Array;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export class Room implements ConnectionRoom {
  /** Keeps concurrent edits of a moved article; owns the doc (its garbage-collection filter). */
  readonly moves = new MoveCarry();
  readonly doc = this.moves.doc;
  /**
   * A scratch copy of `doc` plus the updates on their way to storage: every update is applied
   * here first, so one that decodes but cannot be applied is refused before it is stored.
   * Built when the first change arrives (rooms of readers never pay for it); null when it has
   * to be rebuilt.
   */
  private shadow: Y.Doc | null = null;
  /** What of the scratch copy's structure the language mirror needs (built with the copy). */
  private structure: StructureWatch | null = null;
  /** Accepted updates not yet applied to `doc` (stored or being stored), in order. */
  private readonly inflight: Uint8Array[] = [];
  /** Y.encodeStateAsUpdate(doc), until the next change. */
  private fullState: Uint8Array | null = null;
  /** The sync step 2 answer to a client with an empty document (the full state, framed), until the next change. */
  private fullStateReply: Uint8Array | null = null;
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Connection>();
  ready = false;
  readonly loading: Promise<boolean>;
  private indexTimer: NodeJS.Timeout | null = null;
  private dirtySince = 0;
  private indexing: Promise<void> | null = null;
  private updatesSinceCompaction = 0;
  private compacting: Promise<unknown> | null = null;
  /** Set by the server while the room waits to unload with nobody connected. */
  unloadTimer: NodeJS.Timeout | null = null;
  private readonly knownClients = new Set<number>();
  /** Which connection speaks for each awareness client id (looked up for every relayed entry). */
  private readonly awarenessOwners = new Map<number, Connection>();
  /** Who touched which clause since the last version: clauseId → user ids. */
  private readonly touched = new Map<string, Set<string>>();
  /** Who last edited each article text since the last indexing: "en|clauseId" → user id. */
  private textEditors = new Map<TextKey, string>();
  private checkpointTimer: NodeJS.Timeout | null = null;
  private lastCheckpointAt = Date.now();
  private checkpointing: Promise<void> | null = null;
  private readonly settings: RoomSettings;
  /** Which stored updates (per-draft sequence numbers) the live document holds. */
  readonly applied = new SequenceWindow();
  /** Bus messages that arrived while the room loaded (subscribed first, so nothing falls between). */
  private early: FromProcess<DraftBusMessage>[] | null = [];
  private leaveBus: (() => void) | null = null;
  private catchUpTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> | null = null;
  /** Presence entries held by connections of other processes: client id → process id. */
  private readonly remotePresence = new Map<number, string>();

  constructor(readonly draftId: string, private readonly ctx: RoomContext) {
    this.settings = ctx.settings;
    // The server's own entry: revisions of what lives outside the text (see signal()).
    this.awareness.setLocalState({ server: true, comments: 0 });
    this.loading = this.load();
    this.moves.onCarry((update, userId) => this.commitServerUpdate(update, userId), this.settings.log);
  }

  private async load(): Promise<boolean> {
    const log = this.settings.log;
    try {
      // Subscribe before reading the store: an update stored meanwhile is either in what we read
      // or among the messages kept in `early`.
      const bus = this.ctx.bus;
      if (bus) this.leaveBus = await bus.joinDraft(this.draftId, (message) => this.onBus(message));
      const found = await loadDraftInto(
        this.draftId,
        this.doc,
        (seq, error) => log?.("stored_update_skipped", { draftId: this.draftId, seq, error: String(error) }),
        // the folded stored state is the document's full state: the first sync needs no encoding
        (state) => (this.fullState = state),
      );
      if (found === false) {
        this.leaveBus?.();
        this.ctx.forget(this);
        return false;
      }
      this.applied.reset(found.headSeq);
      // A long log (offline resyncs, a crash before compaction) is folded once, after serving.
      if (found.logged > this.settings.compactAfterUpdates) setImmediate(() => void this.compact(this.settings.compactAfterUpdates));
    } catch (error) {
      log?.("load_failed", { draftId: this.draftId, error: String(error) });
      this.leaveBus?.();
      this.ctx.forget(this);
      return false;
    }
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      this.fullState = null;
      this.fullStateReply = null;
      this.broadcastUpdate(update, origin);
    });
    this.awareness.on("update", ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const message = awarenessMessage(this.awareness, changed);
      // Not back to its sender: its own entries, restamped, would replace its local state.
      for (const c of this.conns) if (c !== origin) c.send(message);
      // Entries of this process's connections go to the other processes (not the server's own
      // entry: each process keeps its own, and signals travel as messages).
      if (origin !== FROM_OTHER_PROCESS && origin !== "local") this.publishPresence(changed);
    });
    await this.alignStoredLanguages();
    this.ready = true;
    const early = this.early ?? [];
    this.early = null;
    for (const message of early) this.onBus(message);
    if (this.applied.hasGap) this.scheduleCatchUp();
    // The other processes' people: they answer with their entries.
    this.ctx.bus?.publishDraft({ type: "presence-query", draftId: this.draftId });
    return true;
  }

  // --- other processes (REDIS_URL) ----------------------------------------------------------

  private onBus(message: FromProcess<DraftBusMessage>): void {
    if (this.early) {
      if ((message.type === "update" || message.type === "awareness") && this.early.length < MAX_EARLY_MESSAGES) this.early.push(message);
      return;
    }
    if (!this.ready) return;
    switch (message.type) {
      case "update":
        this.applyStored(message.seq, message.data, message.userId);
        if (this.applied.hasGap) this.scheduleCatchUp();
        return;
      case "awareness":
        return this.applyRemotePresence(message.from, message.data);
      case "presence-query":
        return this.publishPresence(this.localPresenceIds());
      case "signal":
        return this.bumpRevision(message.topic);
    }
  }

  /**
   * An update another process stored (from the bus, or read back from the store): applied to the
   * scratch copy and the live document, relayed to every connection here, noted for history and
   * the jobs. Never stored again; a number already applied is skipped.
   */
  private applyStored(seq: number, update: Uint8Array, userId: string | null): void {
    if (!this.applied.add(seq)) return;
    let decoded: DecodedUpdate;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (error) {
      this.settings.log?.("stored_update_unreadable", { draftId: this.draftId, seq, error: String(error) });
      return;
    }
    const deletedIn = (this.settings.checkpoint || this.settings.indexDraft) && userId ? textsDeletedBy(this.doc, decoded) : null;
    if (this.shadow) {
      try {
        Y.applyUpdate(this.shadow, update);
      } catch {
        this.dropShadow();
      }
    }
    try {
      this.moves.apply(update, decoded, FROM_OTHER_PROCESS, userId, false);
    } catch (error) {
      this.settings.log?.("apply_failed", { draftId: this.draftId, seq, error: String(error) });
      return;
    }
    if (deletedIn && userId) this.noteTouched(userId, [...deletedIn, ...textsInsertedBy(this.doc, decoded)]);
    this.afterStoredChange();
  }

  /** Tells the other processes about an update this process stored. */
  private announce(seq: number, update: Uint8Array, userId: string | null): void {
    this.applied.add(seq);
    this.ctx.bus?.publishDraft({ type: "update", draftId: this.draftId, seq, userId, data: update });
    if (this.applied.hasGap) this.scheduleCatchUp();
  }

  private scheduleCatchUp(delay = GAP_WAIT_MS): void {
    if (this.catchUpTimer || !this.ready) return;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      if (this.applied.hasGap) void this.catchUp();
    }, delay);
    this.catchUpTimer.unref();
  }

  /**
   * Reads from the store every update after the last one applied without a gap and applies what
   * is missing (a message lost on the bus, the bus down, a process killed between its commit and
   * its publish). When the numbers needed were folded into the snapshot meanwhile, applies the
   * whole stored state instead (Yjs applies only what is new).
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      for (;;) {
        const from = this.applied.upTo;
        const rows = await readLogAfter(this.draftId, from, CATCH_UP_BATCH);
        if (this.doc.isDestroyed) return;
        const compacted = rows.length ? rows[0].draftSeq > from + 1 : ((await storedHeadSeq(this.draftId)) ?? 0) > from;
        if (compacted) return this.applyWholeStoredState();
        for (const row of rows) this.applyStored(row.draftSeq, row.data, row.userId);
        if (rows.length < CATCH_UP_BATCH) return;
      }
    })()
      .catch((error) => this.settings.log?.("catch_up_failed", { draftId: this.draftId, error: String(error) }))
      .finally(() => {
        this.catchingUp = null;
        if (this.applied.hasGap) this.scheduleCatchUp();
      });
    return this.catchingUp;
  }

  /**
   * With other processes: makes sure the live document holds every update stored so far (a
   * server change — restore, an accepted amendment — is computed from it and must not miss an
   * update another process stored a moment ago whose message is still on its way).
   */
  async catchUpToStoredHead(): Promise<void> {
    if (!this.ctx.bus) return;
    const head = await storedHeadSeq(this.draftId);
    if (head !== null && head > this.applied.upTo) await this.catchUp();
  }

  private async applyWholeStoredState(): Promise<void> {
    const folded = await loadFoldedState(this.draftId);
    if (!folded || this.doc.isDestroyed) return;
    if (this.shadow) {
      try {
        Y.applyUpdate(this.shadow, folded.state);
      } catch {
        this.dropShadow();
      }
    }
    Y.applyUpdate(this.doc, folded.state, FROM_OTHER_PROCESS);
    this.applied.reset(folded.headSeq);
    this.afterStoredChange();
  }

  /** The jobs that follow every stored change, wherever it was stored (each runs once across processes). */
  private afterStoredChange(): void {
    this.scheduleIndex();
    if (++this.updatesSinceCompaction >= this.settings.compactAfterUpdates) void this.compact(this.settings.compactAfterUpdates);
  }

  /**
   * Before a job decides: the room holds every stored update. With other processes, what they
   * stored and this room has not applied yet (a message still on the bus) is read from the
   * store; alone, the room applied all it stored once the log is drained.
   */
  private async catchUpToStore(): Promise<void> {
    await this.ctx.updateLog.drain();
    if (!this.ctx.bus) return;
    await this.catchingUp; // one already under way may have read before the latest commits
    await this.catchUp();
  }

  /** One line per job decision (`[collab] job_ran {…}`): operators and tests/scale count them. */
  private jobRan(job: JobName, seq: number): void {
    this.settings.log?.("job_ran", { job, draftId: this.draftId, seq });
  }

  private jobSkipped(job: JobName, seq: number, why: string): void {
    this.settings.log?.("job_skipped", { job, draftId: this.draftId, seq, why });
  }

  /** Client ids of this process's connections. */
  private localPresenceIds(): number[] {
    const ids: number[] = [];
    for (const conn of this.conns) for (const id of conn.awarenessIds) ids.push(id);
    return ids;
  }

  /** Publishes the entries (or their removal) of this process's connections. */
  private publishPresence(clientIds: number[]): void {
    const bus = this.ctx.bus;
    const own = clientIds.filter((id) => id !== this.awareness.clientID && !this.remotePresence.has(id));
    if (!bus || !own.length) return;
    bus.publishDraft({ type: "awareness", draftId: this.draftId, data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, own) });
  }

  /**
   * Entries another process checked and stamped (presence is identity there too): applied and
   * relayed here, remembered as that process's, so nobody here may speak for them and they go
   * when it stops answering.
   */
  private applyRemotePresence(processId: string, update: Uint8Array): void {
    const kept: { clientId: number; clock: number; state: string }[] = [];
    for (const { clientId, state } of awarenessEntriesOf(update)) {
      if (clientId === this.awareness.clientID || this.awarenessOwners.has(clientId)) continue; // ours
      // Numbered here, as for our own connections: one process speaks for an id, in bus order.
      const clock = (this.awareness.meta.get(clientId)?.clock ?? 0) + 1;
      if (state === "null") {
        if (this.remotePresence.get(clientId) === processId) this.remotePresence.delete(clientId);
        else continue;
      } else {
        const userId = userIdOfPresence(state);
        if (!userId) continue;
        this.remotePresence.set(clientId, processId);
        this.ctx.presenceClaims.claim(this.draftId, clientId, userId);
      }
      kept.push({ clientId, clock, state });
    }
    if (kept.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), FROM_OTHER_PROCESS);
  }

  /** Tells the other processes again who is here (after a bus outage). */
  republishPresence(): void {
    this.publishPresence(this.localPresenceIds());
    this.ctx.bus?.publishDraft({ type: "presence-query", draftId: this.draftId });
  }

  /** A process stopped (silent, or said goodbye): its people leave this room's presence. */
  dropProcessPresence(processId: string): void {
    const gone = [...this.remotePresence].filter(([, owner]) => owner === processId).map(([id]) => id);
    for (const id of gone) this.remotePresence.delete(id);
    if (gone.length) awarenessProtocol.removeAwarenessStates(this.awareness, gone, FROM_OTHER_PROCESS);
  }

  /**
   * A draft stored before the Charter was bilingual has no French text: it gets one empty article
   * per English one (and chapter ids) before anyone is served, so no editor opens on an empty
   * French text (which it would fill with an article of its own).
   */
  private async alignStoredLanguages(): Promise<void> {
    if (languagesAligned(this.doc)) return;
    // Once across processes: two rooms loading the draft at once would each add a French article per English one.
    const outcome = await withJobLock("mirror", this.draftId, async () => {
      await this.catchUpToStore();
      if (languagesAligned(this.doc)) return this.jobSkipped("mirror", this.applied.upTo, "already aligned");
      const mirror = this.mirrorLanguages(this.shadowOf(), { previous: null });
      if (!mirror) return;
      const seq = await this.append(mirror, null);
      this.applyMirror({ seq, data: mirror });
      this.jobRan("mirror", seq);
    }).catch((error) => {
      this.settings.log?.("language_mirror_not_stored", { draftId: this.draftId, error: String(error) });
      return { ran: true as const };
    });
    if (!outcome.ran) this.jobSkipped("mirror", this.applied.upTo, "lock busy");
  }

  /** A new connection: the room stays loaded while it is open. */
  join(conn: Connection): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    this.conns.add(conn);
  }

  /** Serves a connection once the stored state is in memory: our sync step 1, then presence. */
  greet(conn: Connection): void {
    conn.send(syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) conn.send(awarenessMessage(this.awareness, states));
  }

  /** A closed connection: its presence entries go. False when it was not in the room. */
  leave(conn: Connection): boolean {
    if (!this.conns.delete(conn)) return false;
    for (const id of conn.awarenessIds) this.awarenessOwners.delete(id);
    if (conn.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    return true;
  }

  awarenessOfAll(): Uint8Array {
    return awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /**
   * The answer to a sync step 1. Clients with an empty document (every new tab) share one framed
   * message per document version: a cold open of a large draft by many people copies it once.
   */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    const empty = stateVector.length === 1 && stateVector[0] === 0;
    if (empty) return (this.fullStateReply ??= step2Message(this.fullStateOf()));
    return step2Message(Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  fullStateOf(): Uint8Array {
    if (!this.fullState) {
      this.fullState = Y.encodeStateAsUpdate(this.doc);
      this.ctx.stats.fullStateEncodings++;
    }
    return this.fullState;
  }

  acceptUpdate(conn: Connection, update: Uint8Array): void {
    const receivedAt = performance.now(); // the durable ack is measured from here
    const decoded = Y.decodeUpdate(update); // throws on a malformed update, before anything is stored
    const decodedAt = stageTimes?.since("1 decode (Y.decodeUpdate)", receivedAt) ?? 0;
    // A sync step 2 always carries the sender's whole delete set: only what the server lacks counts.
    // (Against the live document: an update still on its way to storage may be counted twice,
    // which stores a duplicate that Yjs ignores; readers never get content that is in flight.)
    // Deletions inside a moved-away article are old news to the document (it deleted them with the
    // article) but still have to be carried into its copy.
    if (!carriesNews(this.doc, decoded) && !this.moves.deletesInsideMoved(decoded)) return;
    stageTimes?.since("2 news + move-carry check (carriesNews, deletesInsideMoved)", decodedAt);
    if (!conn.writable) {
      // Read-only (role, or the draft's phase): never stored, applied or forwarded; the client is
      // told, so it can reset its copy.
      this.ctx.stats.droppedReadOnlyWrites++;
      return conn.close(CLOSE.refused, "read-only: change refused");
    }
    const clients = new Set(decoded.structs.map((s) => s.id.client));
    this.commit(update, decoded, conn.userId, receivedAt)
      .then(({ seq, mirror }) => {
        this.ctx.stats.acceptedUpdates++;
        const ackedAt = stageTimes?.since("total: received → commit known on main thread", receivedAt) ?? 0;
        const deletedIn = this.settings.checkpoint || this.settings.indexDraft ? textsDeletedBy(this.doc, decoded) : null;
        try {
          const appliedAt = stageTimes?.since("6 clausesDeletedBy (before apply)", ackedAt) ?? 0;
          this.moves.apply(update, decoded, conn, conn.userId); // Y.applyUpdate: broadcasts through the doc's update event
          this.announce(seq, update, conn.userId);
          this.applyMirror(mirror);
          stageTimes?.since("7 live apply + broadcast (moves.apply)", appliedAt);
          stageTimes?.since("total: received → broadcast sent", receivedAt);
          if (deletedIn) this.noteTouched(conn.userId, [...deletedIn, ...textsInsertedBy(this.doc, decoded)]);
        } catch (error) {
          this.settings.log?.("apply_failed", { draftId: this.draftId, error: String(error) });
          conn.close(CLOSE.malformed, "update could not be applied");
          return;
        }
        this.rememberClientIds(clients, conn.userId);
        this.afterStoredChange();
      })
      .catch((error) => {
        // Not stored: the client keeps the change and resends it after reconnecting.
        this.settings.log?.("persist_failed", { draftId: this.draftId, error: String(error) });
        conn.close(CLOSE.internal, "could not store the change");
      });
  }

  /** Stores a server-made update, then applies and broadcasts it (restores, moved-article carries). */
  async commitServerUpdate(update: Uint8Array, userId: string | null): Promise<void> {
    const decoded = Y.decodeUpdate(update); // refuses a malformed change before storing it
    const { seq, mirror } = await this.commit(update, decoded, userId);
    const deletedIn = textsDeletedBy(this.doc, decoded);
    this.moves.apply(update, decoded, "server", userId);
    this.announce(seq, update, userId);
    this.applyMirror(mirror);
    if (userId) this.noteTouched(userId, [...deletedIn, ...textsInsertedBy(this.doc, decoded)]);
    this.afterStoredChange();
  }

  /**
   * Validates an update on the room's scratch copy (throws when it cannot be applied: nothing is
   * stored), then appends it to the log. Resolves once stored; the caller applies it to the live
   * document, in the order of the log.
   */
  private commit(update: Uint8Array, decoded: DecodedUpdate, userId: string | null, receivedAt = performance.now()): Promise<{ seq: number; mirror: StoredMirror | null }> {
    const shadow = this.shadowOf();
    const clients = [...new Set(decoded.structs.map((s) => s.id.client))];
    const before = clients.map((client) => Y.getState(shadow.store, client));
    const { pendingStructs, pendingDs } = shadow.store;
    const validatingAt = stageTimes ? performance.now() : 0;
    // The structure both languages shared before this change, and the articles it removes (for
    // the language mirror below).
    const watch = this.structure!;
    const removedTexts = decoded.ds.clients.size ? articlesRemovedBy(shadow, decoded.ds) : undefined;
    try {
      Y.applyUpdate(shadow, update);
      stageTimes?.since("3 scratch validation (apply to the scratch copy)", validatingAt);
    } catch (error) {
      // Rebuilding the copy costs a document load: only when the failed apply changed it.
      const untouched =
        clients.every((client, i) => Y.getState(shadow.store, client) === before[i]) &&
        shadow.store.pendingStructs === pendingStructs &&
        shadow.store.pendingDs === pendingDs;
      if (!untouched) this.dropShadow();
      this.ctx.stats.refusedUpdates++;
      this.settings.log?.("update_refused", { draftId: this.draftId, userId, error: String(error) });
      throw error;
    }
    const stored = this.append(update, userId, receivedAt);
    // Only a change that touched the top level of a text can need a mirror (most are typing).
    const mirror = watch.touched ? this.mirrorLanguages(shadow, watch.history(removedTexts)) : null;
    if (!mirror) return stored.then((seq) => ({ seq, mirror: null }));
    return Promise.all([stored, this.append(mirror, null)]).then(([seq, mirrorSeq]) => ({ seq, mirror: { seq: mirrorSeq, data: mirror } }));
  }

  /** Appends an update that is already in the scratch copy to the log; resolves once stored, with its sequence number. */
  private append(update: Uint8Array, userId: string | null, receivedAt = performance.now()): Promise<number> {
    this.inflight.push(update);
    return this.ctx.updateLog.append({ draftId: this.draftId, data: update, userId }, receivedAt).then(
      (seq) => {
        this.inflight.shift();
        return seq;
      },
      (error): never => {
        this.inflight.shift();
        this.dropShadow(); // the copy holds an update the live document will not get
        throw error;
      },
    );
  }

  /**
   * One article structure for both languages (lib/editor/align-languages.ts): what the change
   * just added, removed or moved in one text is done to the other, on the scratch copy, as a
   * server change stored right behind it. Returns that change (null when none was needed).
   */
  private mirrorLanguages(shadow: Y.Doc, history: AlignmentHistory): Uint8Array | null {
    const updates: Uint8Array[] = [];
    const collect = (u: Uint8Array) => updates.push(u);
    shadow.on("update", collect);
    try {
      alignLanguages(shadow, history);
      this.structure?.settle();
    } catch (error) {
      this.dropShadow(); // a half-made change must not linger in it
      this.settings.log?.("language_mirror_failed", { draftId: this.draftId, error: String(error) });
      return null;
    } finally {
      shadow.off("update", collect);
    }
    return updates.length > 1 ? Y.mergeUpdates(updates) : (updates[0] ?? null);
  }

  /** Applies a stored mirror change to the live document (broadcast to everyone, its author too) and tells the other processes. */
  private applyMirror(mirror: StoredMirror | null): void {
    if (!mirror) return;
    this.moves.apply(mirror.data, Y.decodeUpdate(mirror.data), "server", null);
    this.announce(mirror.seq, mirror.data, null);
  }

  /** The scratch copy, (re)built from the live document and the updates in flight. */
  private shadowOf(): Y.Doc {
    if (!this.shadow) {
      this.shadow = copyOf(this.fullStateOf());
      for (const update of this.inflight) Y.applyUpdate(this.shadow, update);
      this.structure = new StructureWatch(this.shadow);
      this.ctx.stats.scratchCopies++;
    }
    return this.shadow;
  }

  private dropShadow(): void {
    this.structure?.destroy();
    this.structure = null;
    this.shadow?.destroy();
    this.shadow = null;
  }

  /**
   * Presence is identity. Stock clients relay the presence of others too: an entry is kept only
   * for a client id this connection speaks for (never the server's own, never one another
   * connection holds or another user held before, at most a few per connection), and its state
   * is rebuilt: `user` from the database, a valid `cursor`, `clauseId` and `lang`, nothing else.
   */
  applyAwareness(conn: Connection, update: Uint8Array): void {
    const kept: { clientId: number; clock: number; state: string }[] = [];
    for (const { clientId, state: text } of awarenessEntriesOf(update)) {
      // Only this connection speaks for the id, in socket order, so the server numbers the
      // entries itself: a client that reconnects with its old clock is seen again at once.
      const clock = (this.awareness.meta.get(clientId)?.clock ?? 0) + 1;
      if (text.length > PRESENCE_LIMITS.maxStateChars || !this.maySpeakFor(conn, clientId)) continue;
      const raw: unknown = JSON.parse(text); // malformed JSON closes the connection like any malformed message
      if (raw === null) {
        if (conn.awarenessIds.has(clientId)) kept.push({ clientId, clock, state: "null" });
        continue;
      }
      const state = sanitizePresence(raw, conn.identity);
      if (!state) continue;
      this.claimPresence(conn, clientId);
      kept.push({ clientId, clock, state: JSON.stringify(state) });
    }
    if (!kept.length) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), conn);
  }

  private maySpeakFor(conn: Connection, clientId: number): boolean {
    if (clientId === this.awareness.clientID) return false; // the server's own entry
    const owner = this.awarenessOwners.get(clientId);
    if (owner) return owner === conn;
    if (this.remotePresence.has(clientId)) return false; // held by a connection of another process
    const claimedBy = this.ctx.presenceClaims.userOf(this.draftId, clientId);
    if (claimedBy !== undefined && claimedBy !== conn.userId) return false; // a disconnected user's id stays theirs
    return conn.awarenessIds.size < MAX_PRESENCE_IDS_PER_CONN;
  }

  private claimPresence(conn: Connection, clientId: number): void {
    if (conn.awarenessIds.has(clientId)) return;
    conn.awarenessIds.add(clientId);
    this.awarenessOwners.set(clientId, conn);
    this.ctx.presenceClaims.claim(this.draftId, clientId, conn.userId);
  }

  private broadcastUpdate(update: Uint8Array, origin: unknown): void {
    const framingAt = stageTimes ? performance.now() : 0;
    const message = updateMessage(update);
    const sendingAt = stageTimes?.since("8 broadcast framing", framingAt) ?? 0;
    for (const c of this.conns) if (c !== origin) c.send(message);
    stageTimes?.since("9 ws.send to every other connection", sendingAt);
  }

  /**
   * Signals a change outside the text (comments) to the clients of the draft, through the
   * server's own presence entry: stock clients receive it with awareness, no new message type.
   */
  signal(topic: string): void {
    if (!this.ready) return;
    this.bumpRevision(topic);
    this.ctx.bus?.publishDraft({ type: "signal", draftId: this.draftId, topic });
  }

  /** Raises a revision in this process's own entry (each process keeps its own: clients read the one they are connected to). */
  private bumpRevision(topic: string): void {
    const current = this.awareness.getLocalState() ?? {};
    this.awareness.setLocalState({ ...current, server: true, [topic]: ((current[topic] as number) ?? 0) + 1 });
  }

  private noteTouched(userId: string, texts: TextKey[]): void {
    for (const key of texts) this.textEditors.set(key, userId);
    const clauseIds = [...new Set(texts.map((key) => splitTextKey(key).clauseId))];
    for (const clauseId of clauseIds) {
      if (!this.touched.has(clauseId)) this.touched.set(clauseId, new Set());
      this.touched.get(clauseId)!.add(userId);
    }
    if (!clauseIds.length) return;
    // A version after the burst ends, and at least every checkpointMaxMs while it goes on.
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    const overdue = Date.now() - this.lastCheckpointAt >= this.settings.checkpointMaxMs;
    this.checkpointTimer = setTimeout(() => void this.checkpoint(overdue ? "interval" : "quiet"), overdue ? 0 : this.settings.checkpointQuietMs);
  }

  /** Hands the touched-clause map to a version and starts a new period. */
  takeTouched(): Record<string, string[]> {
    const out = Object.fromEntries([...this.touched].map(([k, v]) => [k, [...v]]));
    this.touched.clear();
    this.lastCheckpointAt = Date.now();
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    return out;
  }

  private async checkpoint(reason: CheckpointReason): Promise<void> {
    if (!this.settings.checkpoint || !this.ready || this.touched.size === 0) return;
    if (this.checkpointing) await this.checkpointing;
    if (this.touched.size === 0) return;
    this.checkpointing = this.versionOnce(reason)
      .catch((error) => this.settings.log?.("checkpoint_failed", { draftId: this.draftId, error: String(error) }))
      .finally(() => (this.checkpointing = null));
    await this.checkpointing;
  }

  /**
   * Every process with the room open saw the same updates and times a version: the first to fire
   * takes it, of the whole stored text; the others find it taken (Draft.versionedSeq) and only
   * start a new period.
   */
  private async versionOnce(reason: CheckpointReason): Promise<void> {
    const outcome = await withJobLock("version", this.draftId, async () => {
      await this.catchUpToStore();
      const seq = this.applied.upTo;
      // From the room itself: when the last editor leaves, the room is no longer in the map.
      const touched = this.takeTouched();
      const versioned = (await jobSeqsOf(this.draftId))?.versionedSeq;
      if (versioned === undefined) return this.jobSkipped("version", seq, "draft gone");
      if (versioned >= seq) return this.jobSkipped("version", seq, "already versioned");
      await this.settings.checkpoint!(this.draftId, this.fullStateOf(), touched, reason, seq);
      this.jobRan("version", seq);
    });
    if (!outcome.ran) this.jobSkipped("version", this.applied.upTo, "lock busy");
  }

  private rememberClientIds(clients: Set<number>, userId: string): void {
    const fresh = [...clients].filter((id) => !this.knownClients.has(id));
    if (!fresh.length) return;
    for (const id of fresh) this.knownClients.add(id);
    rememberClients(this.draftId, fresh, userId).catch((error) => this.settings.log?.("clients_failed", { error: String(error) }));
  }

  private scheduleIndex(): void {
    if (!this.settings.indexDraft) return;
    const now = Date.now();
    if (!this.dirtySince) this.dirtySince = now;
    if (this.indexTimer) clearTimeout(this.indexTimer);
    const wait = Math.max(0, Math.min(this.settings.indexDebounceMs, this.dirtySince + this.settings.indexMaxWaitMs - now));
    this.indexTimer = setTimeout(() => void this.runIndex(), wait);
  }

  private async runIndex(): Promise<void> {
    this.indexTimer = null;
    if (this.indexing) {
      await this.indexing;
      if (this.dirtySince) this.scheduleIndex();
      return;
    }
    this.dirtySince = 0;
    this.indexing = this.indexOnce()
      .catch((error) => this.settings.log?.("index_failed", { draftId: this.draftId, error: String(error) }))
      .finally(() => (this.indexing = null));
    await this.indexing;
  }

  /**
   * Every process with the room open schedules indexing after the same stored updates: the first
   * to fire indexes the whole stored text; the others find it indexed (Draft.indexedSeq) and skip.
   */
  private async indexOnce(): Promise<void> {
    const outcome = await withJobLock("index", this.draftId, async () => {
      await this.catchUpToStore();
      const seq = this.applied.upTo;
      // Who edited what in the updates the room holds (the catch-up noted those it applied). A
      // skip drops them: the run that indexed this text saw the same updates, and their editors.
      const editors = this.textEditors;
      this.textEditors = new Map();
      const indexed = (await jobSeqsOf(this.draftId))?.indexedSeq;
      if (indexed === undefined) return this.jobSkipped("index", seq, "draft gone");
      if (indexed >= seq) return this.jobSkipped("index", seq, "already indexed");
      await this.settings.indexDraft!(this.draftId, this.doc, editors, seq);
      this.jobRan("index", seq);
    });
    if (!outcome.ran) this.jobSkipped("index", this.applied.upTo, "lock busy");
  }

  /**
   * Folds the log into the snapshot, once across processes: each one counts every stored update,
   * so all reach the threshold together; under the lock the log must still hold `minLogged`
   * updates (another process may have just folded it). Compaction's compare-and-swap on
   * snapshotSeq stays the guard against losing an update.
   */
  private compact(minLogged: number): Promise<unknown> {
    this.updatesSinceCompaction = 0;
    if (!this.compacting) {
      this.compacting = this.ctx.updateLog
        .drain()
        .then(() =>
          withJobLock("compact", this.draftId, async () => {
            const seq = this.applied.upTo;
            if ((await logLengthOf(this.draftId)) < Math.max(1, minLogged)) return this.jobSkipped("compact", seq, "log already folded");
            const result = await compactDraft(this.draftId);
            if (!result) return this.jobSkipped("compact", seq, "nothing to fold");
            if (result.quarantined) this.settings.log?.("updates_quarantined", { draftId: this.draftId, count: result.quarantined });
            this.jobRan("compact", result.headSeq);
          }),
        )
        .then((outcome) => {
          if (!outcome.ran) this.jobSkipped("compact", this.applied.upTo, "lock busy");
        })
        .catch((error) => this.settings.log?.("compact_failed", { draftId: this.draftId, error: String(error) }))
        .finally(() => (this.compacting = null));
    }
    return this.compacting;
  }

  /** Resolves once the room is loaded and everything it accepted or carried is stored. */
  async settledStored(): Promise<void> {
    await this.loading;
    await this.moves.settled();
    await this.ctx.updateLog.drain();
  }

  /** Unload or shutdown: store everything, take the version, index, compact. */
  async flushRoom(reason: CheckpointReason): Promise<void> {
    await this.settledStored();
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    await this.checkpoint(reason);
    if (this.indexTimer) {
      clearTimeout(this.indexTimer);
      await this.runIndex();
    }
    await this.indexing;
    if (this.ready && this.settings.compactOnUnload) await this.compact(1);
  }

  /** Frees the memory of a room that left the server's map. */
  destroy(): void {
    this.leaveBus?.();
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.awareness.destroy();
    this.doc.destroy();
    this.dropShadow();
  }
}

/** The user id another process stamped on a presence entry (null for anything else). */
function userIdOfPresence(state: string): string | null {
  try {
    const parsed = JSON.parse(state) as { user?: { id?: unknown } } | null;
    return typeof parsed?.user?.id === "string" ? parsed.user.id : null;
  } catch {
    return null;
  }
}

function copyOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
