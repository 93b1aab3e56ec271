// Pieces every contract shares. A contract describes a body as it travels (JSON): dates are ISO
// strings there, while the server builds them from `Date`s; `ServerValue` is the type a route
// handler may return for a contract (JSON.stringify turns each Date into that string).
import { z } from "../zod";
import { TEXT_LANGS } from "../editor/languages";

/** An instant as JSON carries it ("2026-11-23T14:30:53.000Z"). */
export const dateTime = z.iso.datetime().brand<"DateTime">();
export type DateTime = z.output<typeof dateTime>;

/** Someone shown beside their words: comment authors, resolvers. */
export const personSchema = z.object({ id: z.string(), name: z.string(), delegation: z.string() });
export type Person = z.output<typeof personSchema>;

/** What a route handler returns for a contract whose wire type is T: Dates stand for its dateTimes. */
export type ServerValue<T> = T extends z.core.$brand<"DateTime">
  ? Date | string
  : T extends readonly (infer E)[]
    ? ServerValue<E>[]
    : T extends object
      ? { [K in keyof T]: ServerValue<T[K]> }
      : T;

/** The body of every error answer. */
export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** What the collaboration server signals to a draft's clients beside the text (a revision counter each). */
export const SIGNAL_TOPICS = ["comments", "amendments", "phase", "alignment"] as const;
export type SignalTopic = (typeof SIGNAL_TOPICS)[number];

/** Which language's text a request reads or writes (`?lang=` on text routes; English by default). */
export const textLangSchema = z.enum(TEXT_LANGS, { error: "The text language must be en or fr." });
