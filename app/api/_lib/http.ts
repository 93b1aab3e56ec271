// The one mapping from domain errors to HTTP (ARCHITECTURE.md rule 9), plus the checks every
// JSON route shares: same-origin and JSON bodies for writes, errors as { error: { code, message } }.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { DomainError, type ErrorCode } from "@/server/domain/errors";
import { currentActor } from "@/app/_lib/actor";
import type { Actor } from "@/server/domain/actor";
import type { z } from "@/lib/zod";
import type { ServerValue } from "@/lib/contracts/common";

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  outdated: 409,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
  text_pending: 409,
};

export function errorResponse(code: ErrorCode | "internal", message: string, status?: number) {
  return NextResponse.json({ error: { code, message } }, { status: status ?? (code === "internal" ? 500 : STATUS[code]) });
}

type Ctx<P> = { params: Promise<P> };
type Handler<P> = (args: { req: NextRequest; actor: Actor | null; params: P }) => Promise<unknown>;

export const MAX_BODY_BYTES = 2_500_000;

/**
 * A JSON answer built for its contract (lib/contracts): the compiler checks the value against the
 * schema the client and the tests parse it with, so the two cannot drift apart unnoticed.
 */
export function reply<S extends z.ZodType>(_contract: S, value: ServerValue<z.output<S>>): ServerValue<z.output<S>> {
  return value;
}

/** Browsers send Origin on cross-site writes; "null" comes from sandboxed frames and file: pages. */
function isCrossSite(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  try {
    return new URL(origin).host !== req.headers.get("host");
  } catch {
    return true; // "null" or garbage: not this site
  }
}

/** The media type of a Content-Type header, without parameters ("application/json; charset=utf-8"). */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export function route<P = Record<string, string>>(handler: Handler<P>) {
  return async (req: NextRequest, ctx: Ctx<P>) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        // Cross-site forms cannot send JSON, and browsers always send Origin on cross-site POSTs.
        if (isCrossSite(req)) return errorResponse("forbidden", "Cross-site request refused.");
        const hasBody = Number(req.headers.get("content-length") ?? 0) > 0 || req.headers.has("transfer-encoding");
        if (hasBody && mediaType(req.headers.get("content-type")) !== "application/json") {
          return errorResponse("invalid", "Send the request body as JSON (Content-Type: application/json).", 415);
        }
        if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
          return errorResponse("too_large", "The request body is too large.");
        }
      }
      // The session first: a caller who is not signed in learns nothing about what exists.
      const actor = await currentActor();
      const params = (await ctx.params) ?? ({} as P);
      const result = await handler({ req, actor, params });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? null, { status: req.method === "POST" ? 201 : 200 });
    } catch (error) {
      if (error instanceof DomainError) return errorResponse(error.code, error.message);
      console.error(error);
      return errorResponse("internal", "Something went wrong on the server. Nothing was changed.");
    }
  };
}

/**
 * The body as text, counting bytes as they arrive: a chunked request has no Content-Length and
 * a Content-Length can understate, so the limit is enforced on what is actually read.
 */
async function bodyText(req: NextRequest): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new DomainError("too_large", "The request body is too large.");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("invalid", "The request body is not valid UTF-8.");
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("invalid", "The request body is not valid JSON.");
  }
}

/** Reads a JSON body; a body that is not JSON is a 400, not a crash. */
export async function jsonBody(req: NextRequest): Promise<unknown> {
  return parseJson(await bodyText(req));
}

/** A JSON body that may be absent (e.g. "mark all read"). */
export async function optionalJsonBody(req: NextRequest): Promise<unknown> {
  const text = await bodyText(req);
  return text.trim() ? parseJson(text) : {};
}

export function searchParamsObject(req: NextRequest): Record<string, string> {
  const out: Record<string, string> = {};
  req.nextUrl.searchParams.forEach((value, key) => {
    if (value !== "") out[key] = value;
  });
  return out;
}
