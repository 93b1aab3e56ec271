// Websocket close codes of the collaboration server (documented in docs/API.md). 44xx tell the
// stock y-websocket client not to retry on its own; 45xx and 1001 mean "try again".
export const CLOSE = {
  goingAway: 1001, // server shutting down
  tooLarge: 1009, // frame above the size limit (sent by ws itself)
  malformed: 4400, // a message could not be decoded
  unauthorized: 4401, // token missing, forged, expired or already used: fetch a new one
  forbidden: 4403, // token for another room, account deactivated or access revoked
  notFound: 4404, // the draft does not exist
  refused: 4409, // a read-only connection sent content: reset the local copy to the server's state
  accessChanged: 4410, // the user's access mode changed: fetch /api/drafts/:id/collab again, reconnect
  rateLimited: 4529, // too many messages, sync requests or sockets: reconnect after a pause
  internal: 4500, // the stored document could not be loaded, or admission timed out
} as const;
