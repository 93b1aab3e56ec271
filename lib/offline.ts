// Names of what the browser keeps on the device for offline use, shared by the service worker
// (sw/), the live session and sign-out, so the three always agree.

/** The service worker's cache of pages (drafts list, editor) for reopening without a network. */
export const OFFLINE_PAGES_CACHE = "charter-pages";

const LOCAL_COPY_PREFIX = "charter-draft-";

/**
 * The y-indexeddb database holding one person's copy of one draft. Per user, so on a shared
 * computer the next person never opens (or uploads under their own name) someone else's copy.
 */
export function localCopyName(userId: string, draftId: string): string {
  return `${LOCAL_COPY_PREFIX}${userId}-${draftId}`;
}

export function isLocalCopyName(name: string): boolean {
  return name.startsWith(LOCAL_COPY_PREFIX);
}

const PROPOSAL_QUEUE_PREFIX = "charter-proposals-";

/**
 * The localStorage entry holding one person's amendment proposals for one draft that wait for a
 * connection. Per user for the same reason as the local copy; signing out deletes it with them.
 */
export function proposalQueueName(userId: string, draftId: string): string {
  return `${PROPOSAL_QUEUE_PREFIX}${userId}-${draftId}`;
}

export function isProposalQueueName(name: string): boolean {
  return name.startsWith(PROPOSAL_QUEUE_PREFIX);
}
