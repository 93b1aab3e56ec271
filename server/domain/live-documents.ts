// The port through which domain code reads and changes a draft's live document (ARCHITECTURE.md
// rule 7): through the running collaboration server when there is one, so connected editors see
// the change at once; otherwise straight to the stored log. Only bytes cross this port.
import * as Y from "yjs";
import { getCollabServer } from "@/server/collab/registry";
import { loadDraftInto, UpdateLog } from "@/server/collab/persistence";

const fallbackLog = new UpdateLog();

export async function currentDraftState(draftId: string): Promise<Uint8Array> {
  const live = getCollabServer()?.liveState(draftId);
  if (live) return live;
  const doc = new Y.Doc();
  await loadDraftInto(draftId, doc);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export async function applyDraftChange(draftId: string, change: (state: Uint8Array) => Uint8Array, userId: string | null): Promise<void> {
  const server = getCollabServer();
  if (server) return server.applyServerChange(draftId, change, userId);
  const update = change(await currentDraftState(draftId));
  await fallbackLog.append({ draftId, data: update, userId });
}

/** Who touched which clause since the last version (empty without a live server). */
export function takeTouchedClauses(draftId: string): Record<string, string[]> {
  return getCollabServer()?.takeTouched(draftId) ?? {};
}

/** Tells the clients of a draft that something beside the text changed (e.g. comments). */
export function signalDraft(draftId: string, topic: "comments"): void {
  getCollabServer()?.signal(draftId, topic);
}
