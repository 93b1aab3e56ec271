// The port through which domain code reads and changes a draft's live document (ARCHITECTURE.md,
// "Domain and collaboration server, wired once"). The domain owns the interface; the
// collaboration server implements it and `server/compose.ts` plugs it in at start-up, so
// connected editors see a change at once.
// Without a running collaboration server the domain works on the stored update log.
// Only bytes cross this port: the Next.js bundle and the tsx server each have their own Yjs.
import * as Y from "yjs";
import { mirrorOf } from "@/lib/editor/align-languages";
import type { SignalTopic } from "@/lib/contracts/common";
import { loadDraftInto, UpdateLog } from "@/server/collab/persistence";

/** What the domain needs from the live documents of the running collaboration server. */
export interface LiveDocuments {
  /** The live state of a loaded draft, or null when no room holds it. */
  liveState(draftId: string): Uint8Array | null;
  /**
   * Stores, applies and broadcasts the update that `change` makes from the current state
   * (loading the draft when no room holds it).
   */
  applyServerChange(draftId: string, change: (state: Uint8Array) => Uint8Array, userId: string | null): Promise<void>;
  /** Who touched which clause since the last version; starts a new period. */
  takeTouched(draftId: string): Record<string, string[]>;
  /** Tells the clients of a draft that something beside the text changed. */
  signal(draftId: string, topic: SignalTopic): void;
}

// Shared through globalThis: the Next.js bundle (its own module copy) reaches the live
// documents that server/main.ts plugged in.
const KEY = Symbol.for("charter.collab");
const holder = globalThis as unknown as { [KEY]?: LiveDocuments };

export function plugLiveDocuments(live: LiveDocuments | undefined): void {
  holder[KEY] = live;
}
export const pluggedLiveDocuments = (): LiveDocuments | undefined => holder[KEY];

const fallbackLog = new UpdateLog();

export async function currentDraftState(draftId: string): Promise<Uint8Array> {
  const live = pluggedLiveDocuments()?.liveState(draftId);
  if (live) return live;
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export async function applyDraftChange(draftId: string, change: (state: Uint8Array) => Uint8Array, userId: string | null): Promise<void> {
  const live = pluggedLiveDocuments();
  if (live) return live.applyServerChange(draftId, change, userId);
  const state = await currentDraftState(draftId);
  const update = change(state);
  await fallbackLog.append({ draftId, data: update, userId });
  // The room would mirror a structure change into the other language; without one, so does this.
  const mirror = mirrorOf(state, update);
  if (mirror) await fallbackLog.append({ draftId, data: mirror, userId: null });
}

/** Who touched which clause since the last version (empty without a live server). */
export function takeTouchedClauses(draftId: string): Record<string, string[]> {
  return pluggedLiveDocuments()?.takeTouched(draftId) ?? {};
}

/** Tells the clients of a draft that something beside the text changed (comments, amendments, the phase). */
export function signalDraft(draftId: string, topic: SignalTopic): void {
  pluggedLiveDocuments()?.signal(draftId, topic);
}
