// The comment revision the collaboration server publishes in its own presence entry
// (`{ server: true, comments: <revision> }`). Entries of clients prove nothing (anyone can write
// a `comments` field into their own), so only the server's entry counts.
export function serverCommentRevision(states: Map<number, Record<string, unknown>>): number | null {
  for (const state of states.values()) {
    if (state.server === true && typeof state.comments === "number" && Number.isSafeInteger(state.comments)) return state.comments;
  }
  return null;
}
