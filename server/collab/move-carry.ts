// Moving an article keeps what others type in it.
//
// The editor binding (y-tiptap) turns a move into "delete the clause element, insert a copy with
// the same clauseId" (which one of the two swapped articles is recreated depends on the binding's
// diff). Yjs has no move: an edit made inside the deleted element by someone who had not seen the
// move yet is integrated into a deleted parent and garbage-collected, on every peer.
//
// The collaboration server applies every accepted update in order, so it can repair once for
// everybody (a repair on every client would duplicate the text):
//  1. it recognises a move (one update deletes a clause element with clauseId X and creates one
//     with the same clauseId) and keeps the moved-away element's content from garbage collection
//     in its own document, so late edits to it are still integrated and readable;
//  2. it records which unit (character, child element) of the old element became which unit of
//     the copy: the k-th unit the mover saw is the k-th unit of the copy;
//  3. it carries into the copy what the mover had not seen (edits that reached the server before
//     the move) and every later edit made inside the old element, as a server change attributed to
//     the edit's author, positioned through the recorded units (relative to neighbours, so later
//     edits of the copy do not shift it). Chained moves follow the recorded units from copy to copy.
// Records live for RECORD_TTL_MS or until the room unloads; an edit that reaches the server later
// than that (a long offline session) is lost as before, because the old element is gone.
import * as Y from "yjs";
import { NODE } from "@/lib/editor/schema";
import { TEXT_LANGS, fragmentOf } from "@/lib/editor/languages";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their event type
type AnyType = Y.AbstractType<any>;
type Decoded = ReturnType<typeof Y.decodeUpdate>;
type Log = (event: string, data?: Record<string, unknown>) => void;

const RECORD_TTL_MS = 10 * 60_000;
const MAX_RECORDS = 50;
const MAX_CHAIN = 16;

/** A moved-away clause and the copy that replaced it. */
interface MoveRecord {
  oldTop: Y.Item;
  newTop: Y.ID;
  expiresAt: number;
}

/** Old units clock..clock+len-1 of one client became to.clock.. of the copy (same order). */
interface Run {
  clock: number;
  len: number;
  to: Y.ID;
  record: MoveRecord;
}

/** Ids of a set of units, per client, as sorted ranges. */
class IdRanges {
  private readonly byClient = new Map<number, [number, number][]>();
  add(client: number, clock: number, len: number): void {
    const list = this.byClient.get(client) ?? [];
    list.push([clock, clock + len]);
    this.byClient.set(client, list);
  }
  sort(): this {
    for (const list of this.byClient.values()) list.sort((a, b) => a[0] - b[0]);
    return this;
  }
  has(client: number, clock: number): boolean {
    const list = this.byClient.get(client);
    if (!list) return false;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end] = list[mid];
      if (clock < start) hi = mid - 1;
      else if (clock >= end) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

/** The units (countable pieces) of a Yjs type's list, in document order. */
interface Unit {
  item: Y.Item;
  offset: number;
}
const unitClient = (u: Unit) => u.item.id.client;
const unitClock = (u: Unit) => u.item.id.clock + u.offset;
/** Wildcard for units whose content was already garbage-collected (a deletion made before). */
const GONE = "\u0000gone";

function unitKey(u: Unit): string {
  const content = u.item.content;
  if (content instanceof Y.ContentString) return content.str[u.offset];
  if (content instanceof Y.ContentType) return content.type instanceof Y.XmlElement ? content.type.nodeName : "#text";
  if (content instanceof Y.ContentDeleted) return GONE;
  return "?";
}

/** Every unit of a type's list, deleted ones included (the old element is deleted as a whole). */
function listUnits(type: AnyType, withGone: boolean): Unit[] {
  const out: Unit[] = [];
  for (let item = type._start; item; item = item.right) {
    const gone = item.content instanceof Y.ContentDeleted;
    if (!item.countable && !(withGone && gone)) continue;
    for (let offset = 0; offset < item.length; offset++) out.push({ item, offset });
  }
  return out;
}

function childType(u: Unit): AnyType | null {
  return u.item.content instanceof Y.ContentType ? u.item.content.type : null;
}

/** Top-level item holding an item (the clause element's own item for anything inside it). */
function topItemOf(item: Y.Item): Y.Item {
  let top = item;
  while (top.parent instanceof Y.AbstractType && top.parent._item) top = top.parent._item;
  return top;
}

function clauseIdsCreatedBy(decoded: Decoded): Set<string> {
  const ids = new Set<string>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item && struct.parentSub === "clauseId" && struct.content instanceof Y.ContentAny) {
      const value = struct.content.arr[0];
      if (typeof value === "string" && value) ids.add(value);
    }
  }
  return ids;
}

function createdRanges(decoded: Decoded): IdRanges {
  const ranges = new IdRanges();
  for (const s of decoded.structs) if (s instanceof Y.Item) ranges.add(s.id.client, s.id.clock, s.length);
  return ranges.sort();
}

function deletedRanges(decoded: Decoded): IdRanges {
  const ranges = new IdRanges();
  for (const [client, items] of decoded.ds.clients) for (const d of items) ranges.add(client, d.clock, d.len);
  return ranges.sort();
}

/** What the update deletes, as the mover saw it: units the move update deleted. */
interface MoveCandidate {
  top: Y.Item;
  /** The language text it was moved in (its copy is looked for there). */
  fragment: Y.XmlFragment;
  clauseId: string;
  /** Units of the old element that were visible just before the move. */
  visible: IdRanges;
}

/** A change to carry into the copies, resolved when the carry is built. */
interface Work {
  userId: string | null;
  /** Old units whose content is to be inserted into the copy (ranges of one item each). */
  inserts: { client: number; clock: number; len: number }[];
  /** Which units of an inserted subtree belong to it (for cloning a new paragraph, a citation). */
  alive: (client: number, clock: number) => boolean;
  /** Old units deleted by the edit (mapped to the copy), or copy units to delete directly. */
  deletes: { client: number; clock: number; len: number; direct: boolean }[];
}

export class MoveCarry {
  readonly doc: Y.Doc;
  private records: MoveRecord[] = [];
  private readonly runs = new Map<number, Run[]>();
  private readonly protectedTops = new Set<Y.Item>();
  private readonly authors = new Map<number, string>();
  private queue: Work[] = [];
  private running: Promise<void> | null = null;
  private commit: ((update: Uint8Array, userId: string | null) => Promise<void>) | null = null;
  private log: Log | undefined;
  /**
   * A copy of the live state on which carries are built (they are stored before the live document
   * applies them). Made at the first carry after a move, then kept up to date update by update:
   * copying a 100-article draft with a long history costs 50-100 ms, applying an update to it
   * next to nothing. Dropped with the last record.
   */
  private shadow: Y.Doc | null = null;
  readonly stats = { moves: 0, carried: 0 };

  constructor(private readonly ttlMs = RECORD_TTL_MS) {
    this.doc = new Y.Doc({ gcFilter: (item) => !this.isProtected(item) });
    this.doc.on("update", (update: Uint8Array) => {
      if (this.shadow) Y.applyUpdate(this.shadow, update);
    });
  }

  /** Where carries go: stored, then applied and broadcast like any server change. */
  onCarry(commit: (update: Uint8Array, userId: string | null) => Promise<void>, log?: Log): void {
    this.commit = commit;
    this.log = log;
  }

  private isProtected(item: Y.Item): boolean {
    return this.protectedTops.size > 0 && this.protectedTops.has(topItemOf(item));
  }

  /**
   * Applies an accepted update to the room's document, recording and carrying around moves.
   * `recordMoves` is false for updates another process accepted: that process recorded the move
   * and carries the late edits of everyone (from every process), so a carry is made once.
   */
  apply(update: Uint8Array, decoded: Decoded, origin: unknown, userId: string | null, recordMoves = true): void {
    const candidates = recordMoves ? this.recogniseMoves(decoded) : [];
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      for (const c of candidates) this.protectedTops.delete(c.top);
      throw error;
    }
    try {
      if (userId) for (const s of decoded.structs) this.authors.set(s.id.client, userId);
      this.expire();
      const created = candidates.length || this.records.length ? createdRanges(decoded) : null;
      const deleted = candidates.length || this.records.length ? deletedRanges(decoded) : null;
      if (this.records.length) this.noteLateEdits(decoded, created!, deleted!, userId);
      for (const candidate of candidates) this.recordMove(candidate, created!, deleted!);
      if (this.queue.length) this.kick();
    } catch (error) {
      this.log?.("move_carry_failed", { error: String(error) });
    }
  }

  /** Resolves once every carry queued so far is stored and applied (room unload). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  // --- recognising a move -------------------------------------------------------------------

  /** Before applying: live clause elements this update deletes while creating one with their id. */
  private recogniseMoves(decoded: Decoded): MoveCandidate[] {
    const ids = clauseIdsCreatedBy(decoded);
    if (!ids.size) return [];
    const out: MoveCandidate[] = [];
    // Both languages' texts: an article moves in either (the French copy has the same clauseId).
    for (const fragment of TEXT_LANGS.map((lang) => fragmentOf(this.doc, lang))) {
      for (let item = fragment._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
        const el = item.content.type;
        if (!(el instanceof Y.XmlElement) || el.nodeName !== NODE.clause) continue;
        const clauseId = el.getAttribute("clauseId");
        if (typeof clauseId !== "string" || !ids.has(clauseId) || !Y.isDeleted(decoded.ds, item.id)) continue;
        const visible = new IdRanges();
        collectVisible(el, visible);
        out.push({ top: item, fragment, clauseId, visible: visible.sort() });
        this.protectedTops.add(item); // kept through this very update's garbage collection
      }
    }
    return out;
  }

  private recordMove(candidate: MoveCandidate, created: IdRanges, deleted: IdRanges): void {
    const copy = this.findCopy(candidate.fragment, candidate.clauseId, created);
    if (!copy) {
      this.forget(candidate.top); // a deletion and an unrelated insertion, not a move
      return;
    }
    const record: MoveRecord = { oldTop: candidate.top, newTop: copy.id, expiresAt: Date.now() + this.ttlMs };
    this.records.push(record);
    this.stats.moves++;
    this.addRun(candidate.top.id.client, candidate.top.id.clock, 1, copy.id, record);
    const seen = (u: Unit) => deleted.has(unitClient(u), unitClock(u)); // the mover deleted what it saw
    const wasVisible = (u: Unit) => candidate.visible.has(unitClient(u), unitClock(u));
    const madeByMove = (u: Unit) => created.has(unitClient(u), unitClock(u));
    const unseen: Work = { userId: null, inserts: [], deletes: [], alive: (c, k) => candidate.visible.has(c, k) };
    const pairTypes = (oldType: AnyType, newType: AnyType) => {
      const oldUnits = listUnits(oldType, true).filter(seen);
      const newUnits = listUnits(newType, false).filter((u) => !u.item.deleted);
      for (const [i, j] of align(oldUnits.map(unitKey), newUnits.map(unitKey))) {
        const o = oldUnits[i];
        const n = newUnits[j];
        this.addRun(unitClient(o), unitClock(o), 1, Y.createID(unitClient(n), unitClock(n)), record);
        // Deleted on the server before the move, but the mover still saw it: carry the deletion.
        if (!wasVisible(o) && !madeByMove(o)) unseen.deletes.push({ client: unitClient(n), clock: unitClock(n), len: 1, direct: true });
        const oc = childType(o);
        const nc = childType(n);
        if (oc && nc) pairTypes(oc, nc);
      }
      // Inserted on the server before the move, never seen by the mover: carry the insertion.
      for (const u of listUnits(oldType, false)) {
        if (wasVisible(u) && !seen(u)) pushRange(unseen.inserts, unitClient(u), unitClock(u));
      }
    };
    pairTypes((candidate.top.content as Y.ContentType).type, (copy.content as Y.ContentType).type);
    this.compactRuns();
    if (unseen.inserts.length || unseen.deletes.length) this.queueByAuthor(unseen);
    if (this.records.length > MAX_RECORDS) this.dropRecord(this.records[0]);
  }

  private findCopy(fragment: Y.XmlFragment, clauseId: string, created: IdRanges): Y.Item | null {
    for (let item = fragment._start; item; item = item.right) {
      if (item.deleted || !created.has(item.id.client, item.id.clock) || !(item.content instanceof Y.ContentType)) continue;
      const el = item.content.type;
      if (el instanceof Y.XmlElement && el.nodeName === NODE.clause && el.getAttribute("clauseId") === clauseId) return item;
    }
    return null;
  }

  /** Unseen edits carry their authors' ids (from the client ids that made them). */
  private queueByAuthor(work: Work): void {
    const byAuthor = new Map<string | null, Work>();
    const slot = (client: number) => {
      const author = this.authors.get(client) ?? null;
      if (!byAuthor.has(author)) byAuthor.set(author, { userId: author, inserts: [], deletes: [], alive: work.alive });
      return byAuthor.get(author)!;
    };
    for (const r of work.inserts) slot(r.client).inserts.push(r);
    // A deletion does not name its author in the update that shows it: stored as unattributed.
    for (const d of work.deletes) slot(-1).deletes.push(d);
    this.queue.push(...byAuthor.values());
  }

  // --- late edits ---------------------------------------------------------------------------

  /** After applying: insertions into and deletions inside moved-away elements are queued. */
  private noteLateEdits(decoded: Decoded, created: IdRanges, deleted: IdRanges, userId: string | null): void {
    const work: Work = { userId, inserts: [], deletes: [], alive: (c, k) => created.has(c, k) && !deleted.has(c, k) };
    const store = this.doc.store;
    for (const s of decoded.structs) {
      if (!(s instanceof Y.Item)) continue;
      const end = s.id.clock + s.length;
      for (let clock = s.id.clock; clock < Math.min(end, Y.getState(store, s.id.client)); ) {
        const item = Y.getItem(store, Y.createID(s.id.client, clock));
        const stop = Math.min(end, item.id.clock + item.length);
        if (item instanceof Y.Item && item.parent instanceof Y.AbstractType && item.parent._item && this.isProtected(item)) {
          for (let k = clock; k < stop; k++) if (!deleted.has(s.id.client, k)) pushRange(work.inserts, s.id.client, k);
        }
        clock = stop;
      }
    }
    work.deletes.push(...this.lateDeletes(decoded, deleted));
    if (work.inserts.length || work.deletes.length) this.queue.push(work);
  }

  /**
   * Before applying: true when the update deletes units of a moved-away element that are still
   * to be carried into the copy. The room's document deleted those units with the element, so
   * the update looks like old news to the server's filter and would otherwise be dropped.
   */
  deletesInsideMoved(decoded: Decoded): boolean {
    return this.records.length > 0 && this.lateDeletes(decoded, deletedRanges(decoded)).length > 0;
  }

  /** Deletions of recorded units of moved-away elements, as ranges of old units. */
  private lateDeletes(decoded: Decoded, deleted: IdRanges): Work["deletes"] {
    const out: Work["deletes"] = [];
    // Whoever already had the move (its update deletes the old element itself, as a full state
    // does after a reconnect) is not deleting inside it: skip those records.
    const skip = new Set(this.records.filter((r) => deleted.has(r.oldTop.id.client, r.oldTop.id.clock)));
    for (const [client, items] of decoded.ds.clients) {
      const runs = this.runs.get(client);
      if (!runs) continue;
      for (const d of items) {
        for (const run of runs) {
          if (skip.has(run.record)) continue;
          const from = Math.max(d.clock, run.clock);
          const to = Math.min(d.clock + d.len, run.clock + run.len);
          if (from < to) out.push({ client, clock: from, len: to - from, direct: false });
        }
      }
    }
    return out;
  }

  // --- building and committing carries ------------------------------------------------------

  private kick(): void {
    if (this.running || !this.commit) return;
    this.running = this.drain().finally(() => (this.running = null));
  }

  /** One carry at a time: each is built on the state that includes the previous one. */
  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0);
      const byUser = new Map<string | null, Work[]>();
      for (const w of batch) byUser.set(w.userId, [...(byUser.get(w.userId) ?? []), w]);
      for (const [userId, works] of byUser) {
        let update: Uint8Array | null = null;
        try {
          update = this.build(works);
        } catch (error) {
          this.log?.("move_carry_failed", { error: String(error) });
        }
        if (!update) continue;
        try {
          await this.commit!(update, userId);
          this.stats.carried++;
        } catch (error) {
          this.dropShadow(); // it holds a change the live document never got
          this.log?.("move_carry_not_stored", { error: String(error) });
        }
      }
    }
  }

  /** Builds the carry on the shadow copy of the live state (nothing is applied before it is stored). */
  private build(works: Work[]): Uint8Array | null {
    if (!this.shadow) {
      this.shadow = new Y.Doc();
      Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.doc));
    }
    const scratch = this.shadow;
    const updates: Uint8Array[] = [];
    const collect = (u: Uint8Array) => updates.push(u);
    scratch.on("update", collect);
    try {
      scratch.transact(() => {
        for (const work of works) {
          for (const range of work.inserts) this.carryInsert(scratch, range, work.alive);
          for (const d of work.deletes) this.carryDelete(scratch, d);
        }
      });
    } catch (error) {
      this.dropShadow(); // a half-made change must not linger in it
      throw error;
    } finally {
      scratch.off("update", collect);
    }
    return updates.length > 1 ? Y.mergeUpdates(updates) : (updates[0] ?? null);
  }

  private dropShadow(): void {
    this.shadow?.destroy();
    this.shadow = null;
  }

  private carryInsert(scratch: Y.Doc, range: { client: number; clock: number; len: number }, alive: Work["alive"]): void {
    if (Y.getState(this.doc.store, range.client) <= range.clock || this.lookup(range.client, range.clock)) return; // already carried
    const item = Y.getItem(this.doc.store, Y.createID(range.client, range.clock));
    if (!(item instanceof Y.Item)) return;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType) || !parent._item) return;
    const target = this.resolveType(scratch, parent._item.id);
    if (!target) return this.log?.("move_carry_dropped", { reason: "target gone" });
    const index = this.targetIndex(scratch, target, { item, offset: range.clock - item.id.clock });
    const clock = Y.getState(scratch.store, scratch.clientID);
    if (item.content instanceof Y.ContentString && target instanceof Y.XmlText) {
      const offset = range.clock - item.id.clock;
      target.insert(index, item.content.str.slice(offset, offset + range.len)); // inherits the marks around it
      const made = findMade(scratch, clock, (i) => i.content instanceof Y.ContentString);
      if (made) this.addRun(range.client, range.clock, range.len, made.id, this.recordOf(parent._item));
    } else if (item.content instanceof Y.ContentType && target instanceof Y.XmlElement) {
      const clone = cloneAlive(item.content.type, alive);
      if (!clone) return;
      target.insert(index, [clone]);
      const made = findMade(scratch, clock, (i) => i.content instanceof Y.ContentType);
      if (!made) return;
      const record = this.recordOf(parent._item);
      this.addRun(range.client, range.clock, 1, made.id, record);
      this.pairClone(item.content.type, (made.content as Y.ContentType).type, alive, record);
    } else {
      this.log?.("move_carry_dropped", { reason: "unsupported content" }); // marks, embeds
    }
  }

  /** A cloned subtree's units map onto the old ones one by one (same order by construction). */
  private pairClone(oldType: AnyType, newType: AnyType, alive: Work["alive"], record: MoveRecord): void {
    const oldUnits = listUnits(oldType, false).filter((u) => alive(unitClient(u), unitClock(u)) && unitKey(u) !== "?");
    const newUnits = listUnits(newType, false);
    for (let i = 0; i < Math.min(oldUnits.length, newUnits.length); i++) {
      const o = oldUnits[i];
      const n = newUnits[i];
      this.addRun(unitClient(o), unitClock(o), 1, Y.createID(unitClient(n), unitClock(n)), record);
      const oc = childType(o);
      const nc = childType(n);
      if (oc && nc) this.pairClone(oc, nc, alive, record);
    }
    this.compactRuns();
  }

  private carryDelete(scratch: Y.Doc, d: Work["deletes"][number]): void {
    for (let k = 0; k < d.len; k++) {
      const target = d.direct ? Y.createID(d.client, d.clock + k) : this.resolveId(d.client, d.clock + k);
      if (!target || Y.getState(scratch.store, target.client) <= target.clock) continue;
      const item = Y.getItem(scratch.store, target);
      if (!(item instanceof Y.Item) || item.deleted || !(item.parent instanceof Y.AbstractType)) continue;
      const pos = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON({ item: target, assoc: 0 }), scratch, false);
      if (pos?.type === item.parent) (pos.type as Y.XmlText | Y.XmlElement).delete(pos.index, 1);
    }
  }

  /** Index in the copy for an old unit: after its nearest carried left neighbour, else before the right one. */
  private targetIndex(scratch: Y.Doc, target: AnyType, unit: Unit): number {
    for (let u: Unit | null = stepLeft(unit); u; u = stepLeft(u)) {
      const index = this.indexNear(scratch, target, u, -1);
      if (index !== null) return index;
    }
    for (let u: Unit | null = stepRight(unit); u; u = stepRight(u)) {
      const index = this.indexNear(scratch, target, u, 0);
      if (index !== null) return index;
    }
    return 0;
  }

  private indexNear(scratch: Y.Doc, target: AnyType, u: Unit, assoc: number): number | null {
    const to = this.resolveId(unitClient(u), unitClock(u));
    if (!to || Y.getState(scratch.store, to.client) <= to.clock) return null;
    const pos = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON({ item: to, assoc }), scratch, false);
    return pos && pos.type === target ? pos.index : null;
  }

  /** The live type in the scratch copy that an old type's item became (following chained moves). */
  private resolveType(scratch: Y.Doc, id: Y.ID): AnyType | null {
    const to = this.resolveId(id.client, id.clock);
    if (!to || Y.getState(scratch.store, to.client) <= to.clock) return null;
    const item = Y.getItem(scratch.store, to);
    if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentType)) return null;
    return item.content.type;
  }

  private resolveId(client: number, clock: number): Y.ID | null {
    let found: Y.ID | null = null;
    for (let depth = 0; depth < MAX_CHAIN; depth++) {
      const hit = this.lookup(found?.client ?? client, found?.clock ?? clock);
      if (!hit) break;
      found = hit;
    }
    return found;
  }

  // --- the unit map -------------------------------------------------------------------------

  private lookupRun(client: number, clock: number): Run | null {
    const runs = this.runs.get(client);
    if (!runs) return null;
    let lo = 0;
    let hi = runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const run = runs[mid];
      if (clock < run.clock) hi = mid - 1;
      else if (clock >= run.clock + run.len) lo = mid + 1;
      else return run;
    }
    return null;
  }

  private lookup(client: number, clock: number): Y.ID | null {
    const run = this.lookupRun(client, clock);
    return run ? Y.createID(run.to.client, run.to.clock + (clock - run.clock)) : null;
  }

  private recordOf(item: Y.Item): MoveRecord {
    const run = this.lookupRun(item.id.client, item.id.clock);
    return run?.record ?? this.records.find((r) => r.oldTop === topItemOf(item)) ?? this.records[this.records.length - 1];
  }

  private addRun(client: number, clock: number, len: number, to: Y.ID, record: MoveRecord): void {
    if (this.lookupRun(client, clock)) return;
    const runs = this.runs.get(client) ?? [];
    let at = runs.length;
    while (at > 0 && runs[at - 1].clock > clock) at--;
    runs.splice(at, 0, { clock, len, to, record });
    this.runs.set(client, runs);
  }

  /** Consecutive units mapped to consecutive units become one run. */
  private compactRuns(): void {
    for (const [client, runs] of this.runs) {
      const merged: Run[] = [];
      for (const run of runs) {
        const last = merged[merged.length - 1];
        if (last && last.record === run.record && last.clock + last.len === run.clock && last.to.client === run.to.client && last.to.clock + last.len === run.to.clock) last.len += run.len;
        else merged.push({ ...run });
      }
      this.runs.set(client, merged);
    }
  }

  // --- bounds -------------------------------------------------------------------------------

  private expire(now = Date.now()): void {
    for (const record of this.records.filter((r) => r.expiresAt <= now)) this.dropRecord(record);
  }

  private dropRecord(record: MoveRecord): void {
    this.records = this.records.filter((r) => r !== record);
    for (const [client, runs] of this.runs) {
      const kept = runs.filter((r) => r.record !== record);
      if (kept.length) this.runs.set(client, kept);
      else this.runs.delete(client);
    }
    this.forget(record.oldTop);
    if (!this.records.length) this.dropShadow();
  }

  /** Lets the moved-away element go: its content is collected as Yjs would have done at once. */
  private forget(top: Y.Item): void {
    this.protectedTops.delete(top);
    if (top.deleted && top.content instanceof Y.ContentType) top.gc(this.doc.store, false);
  }
}

function collectVisible(type: AnyType, into: IdRanges): void {
  for (let item = type._start; item; item = item.right) {
    if (item.deleted) continue;
    if (item.countable) into.add(item.id.client, item.id.clock, item.length);
    if (item.content instanceof Y.ContentType) collectVisible(item.content.type, into);
  }
}

function pushRange(list: { client: number; clock: number; len: number }[], client: number, clock: number): void {
  const last = list[list.length - 1];
  if (last && last.client === client && last.clock + last.len === clock) last.len++;
  else list.push({ client, clock, len: 1 });
}

function stepLeft(u: Unit): Unit | null {
  if (u.offset > 0) return { item: u.item, offset: u.offset - 1 };
  for (let item = u.item.left; item; item = item.left) {
    if (item.countable || item.content instanceof Y.ContentDeleted) return { item, offset: item.length - 1 };
  }
  return null;
}

function stepRight(u: Unit): Unit | null {
  if (u.offset < u.item.length - 1) return { item: u.item, offset: u.offset + 1 };
  for (let item = u.item.right; item; item = item.right) {
    if (item.countable || item.content instanceof Y.ContentDeleted) return { item, offset: 0 };
  }
  return null;
}

/** The first item of the scratch client from `clock` on that matches (what an insert just made). */
function findMade(scratch: Y.Doc, clock: number, match: (item: Y.Item) => boolean): Y.Item | null {
  const end = Y.getState(scratch.store, scratch.clientID);
  for (let c = clock; c < end; ) {
    const item = Y.getItem(scratch.store, Y.createID(scratch.clientID, c));
    if (item instanceof Y.Item && match(item)) {
      return item.id.clock === c ? item : null;
    }
    c = item.id.clock + item.length;
  }
  return null;
}

/**
 * A new copy of an inserted subtree (a paragraph, a citation, a list) holding only its live
 * units; deleted ones are kept in the old element only because it is protected.
 */
function cloneAlive(type: AnyType, alive: Work["alive"]): Y.XmlElement | Y.XmlText | null {
  if (type instanceof Y.XmlText) {
    const delta: { insert: string; attributes?: Record<string, unknown> }[] = [];
    const attributes: Record<string, unknown> = {};
    for (let item = type._start; item; item = item.right) {
      const content = item.content;
      if (content instanceof Y.ContentFormat && alive(item.id.client, item.id.clock)) {
        if (content.value === null) delete attributes[content.key];
        else attributes[content.key] = content.value;
      } else if (content instanceof Y.ContentString) {
        let text = "";
        for (let k = 0; k < item.length; k++) if (alive(item.id.client, item.id.clock + k)) text += content.str[k];
        if (text) delta.push(Object.keys(attributes).length ? { insert: text, attributes: { ...attributes } } : { insert: text });
      }
    }
    const text = new Y.XmlText();
    text.applyDelta(delta);
    return text;
  }
  if (!(type instanceof Y.XmlElement)) return null;
  const el = new Y.XmlElement(type.nodeName);
  for (const [key, item] of type._map) {
    if (item.content instanceof Y.ContentAny) el.setAttribute(key, item.content.arr[0] as string); // clauseId, list attrs
  }
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  for (let item = type._start; item; item = item.right) {
    if (!(item.content instanceof Y.ContentType) || !alive(item.id.client, item.id.clock)) continue;
    const child = cloneAlive(item.content.type, alive);
    if (child) children.push(child);
  }
  el.insert(0, children);
  return el;
}

/**
 * Pairs the units the mover saw with the units of its copy. They are the same sequence unless
 * the update carries more than the move (an offline session sent as one update); then only the
 * common beginning and end are paired, and units in between are not carried into (safe: nothing
 * is deleted on a guess).
 */
export function align(oldKeys: string[], newKeys: string[]): [number, number][] {
  const pairs: [number, number][] = [];
  if (oldKeys.length === newKeys.length && oldKeys.every((k, i) => k === newKeys[i] || (k === GONE && newKeys[i] !== GONE))) {
    for (let i = 0; i < oldKeys.length; i++) pairs.push([i, i]);
    return pairs;
  }
  let left = 0;
  while (left < oldKeys.length && left < newKeys.length && oldKeys[left] === newKeys[left]) {
    pairs.push([left, left]);
    left++;
  }
  let right = 0;
  while (right < oldKeys.length - left && right < newKeys.length - left && oldKeys[oldKeys.length - 1 - right] === newKeys[newKeys.length - 1 - right]) {
    pairs.push([oldKeys.length - 1 - right, newKeys.length - 1 - right]);
    right++;
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}
