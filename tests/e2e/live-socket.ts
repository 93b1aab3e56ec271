// A stock y-websocket client of a signed-in user (an API request context) on a draft: its
// collaboration token from the API, synced with the server before it is handed over.
import { expect, type APIRequestContext } from "@playwright/test";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";

export async function liveSocket(api: APIRequestContext, draftId: string): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  const access = (await (await api.get(`/api/drafts/${draftId}/collab`)).json()) as { url: string; room: string; token: string };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(access.url, access.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: access.token },
    disableBc: true,
  });
  try {
    await expect.poll(() => provider.synced).toBe(true);
  } catch (error) {
    provider.destroy();
    throw error;
  }
  return { doc, provider };
}
