// The running collaboration server of this process, reachable from route handlers (same
// process, different module copy) through globalThis.
import type { CollabServer } from "./server";

const KEY = Symbol.for("charter.collab");
const holder = globalThis as unknown as { [KEY]?: CollabServer };

export const setCollabServer = (server: CollabServer | undefined) => {
  holder[KEY] = server;
};
export const getCollabServer = (): CollabServer | undefined => holder[KEY];
