// The composition root: the one place that wires the collaboration server to the domain at
// start-up (server/main.ts, and the test and benchmark helpers that run a collab server).
// The domain owns the ports (live documents, indexing, versions, access); collab implements or
// calls them, and neither imports the other's implementation.
import { CollabServer, type CollabServerOptions } from "./collab/server";
import { claimCollabTokenEverywhere, collabAccessFor } from "./domain/drafts/collab-access";
import { indexDraftDoc } from "./domain/drafts";
import { createAutoVersion } from "./domain/versions";
import { emitDomainEvent, onDomainEvent } from "./domain/events";
import { plugLiveDocuments, pluggedLiveDocuments } from "./domain/live-documents";

export interface ComposedCollab {
  collab: CollabServer;
  /** Unplugs the live documents and the event reactions (the caller closes the server). */
  unplug(): void;
}

/**
 * Creates the collaboration server with the domain's access decision, indexing and automatic
 * versions, plugs it in as the domain's live documents and lets it react to member changes and
 * to drafting-phase changes.
 */
/** The domain's indexing (both texts, alignment with who edited which text), as the collab server calls it after stored changes settle. */
export const indexWithDomain: NonNullable<CollabServerOptions["indexDraft"]> = (draftId, doc, editors, seq) => indexDraftDoc(draftId, doc, editors, seq);
/** The domain's automatic versions, as the collab server calls them after a burst of edits. */
export const checkpointWithDomain: NonNullable<CollabServerOptions["checkpoint"]> = async (draftId, state, touched, reason, seq) =>
  void (await createAutoVersion(draftId, state, touched, reason, seq));

export function composeCollab(options: Partial<CollabServerOptions> = {}): ComposedCollab {
  const collab = new CollabServer({
    resolveAccess: collabAccessFor,
    indexDraft: indexWithDomain,
    checkpoint: checkpointWithDomain,
    // Several processes (a bus): a token's one socket is counted in the database they share.
    ...(options.bus ? { claimToken: claimCollabTokenEverywhere } : {}),
    ...options,
  });
  plugLiveDocuments(collab);
  // Through the server, which also tells the other app processes (REDIS_URL).
  const stopListening = onDomainEvent("member.changed", (userId) => void collab.memberChanged(userId));
  // Returned, not voided: the phase change waits for open sockets to be re-checked, here and in the other processes.
  const stopPhases = onDomainEvent("draft.phase_changed", (draftId) => collab.draftAccessChanged(draftId));
  // Notification counts: a user's bell may be served by another process than the one that
  // notified them. Relayed events are emitted here without being sent back (emit is synchronous).
  let relaying = false;
  const stopNotifications = onDomainEvent("notifications.changed", (userIds) => {
    if (!relaying) collab.notificationsChanged(userIds);
  });
  const stopRelaying = collab.onNotificationsElsewhere((userIds) => {
    relaying = true;
    try {
      emitDomainEvent("notifications.changed", userIds);
    } finally {
      relaying = false;
    }
  });
  return {
    collab,
    unplug() {
      stopListening();
      stopPhases();
      stopNotifications();
      stopRelaying();
      if (pluggedLiveDocuments() === collab) plugLiveDocuments(undefined);
    },
  };
}
