// Domain errors carry a code; each transport maps codes once (HTTP in app/api/_lib/http.ts,
// websocket close codes in server/collab/close-codes.ts, UI text in lib/i18n messages).
export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid"
  | "conflict"
  /** An amendment whose passage changed since it was submitted cannot be accepted as it stands. */
  | "outdated"
  | "rate_limited"
  | "too_large"
  | "unavailable"
  /** The request refers to text the server has not received yet (typed offline, still syncing). */
  | "text_pending";

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} was not found.`);
