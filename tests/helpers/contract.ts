// Tests check answers with the contracts the server and the client use (lib/contracts). A domain
// function's value goes through JSON first, as it would over HTTP (Dates become ISO strings).
import type { z } from "../../lib/zod";

export function parseContract<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new Error(`The answer does not match its contract: ${result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ")}`);
  }
  return result.data;
}

/** A domain function's value as a client receives it, checked against its contract. */
export function overTheWire<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  return parseContract(schema, JSON.parse(JSON.stringify(value)));
}
