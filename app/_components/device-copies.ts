"use client";
// Signing out leaves nothing of the workspace readable on the device: the service worker's cached
// pages, every local draft copy and every queued amendment proposal go (a shared computer in a venue or a ministry).
import { OFFLINE_PAGES_CACHE, isLocalCopyName, isProposalQueueName } from "@/lib/offline";

export async function forgetDeviceCopies(): Promise<void> {
  const work: Promise<unknown>[] = [];
  // Amendment proposals waiting for a connection speak for their author: they go too.
  for (const key of Object.keys(localStorage)) if (isProposalQueueName(key)) localStorage.removeItem(key);
  if ("caches" in window) work.push(caches.delete(OFFLINE_PAGES_CACHE));
  if ("indexedDB" in window && typeof indexedDB.databases === "function") {
    const databases = await indexedDB.databases();
    for (const { name } of databases) {
      if (!name || !isLocalCopyName(name)) continue;
      work.push(
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          // A copy still open in another tab blocks deletion until that tab closes; don't wait.
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
      );
    }
  }
  await Promise.allSettled(work);
}
