// JSON kept in text columns (SQLite has no JSON type we rely on): read and written here only, by
// the repositories, each column with its zod schema from lib/contracts. A stored value that does
// not match is a server fault named after its column, never an `undefined` further down.
import type { z } from "@/lib/zod";

export function readJsonColumn<S extends z.ZodType>(schema: S, text: string, column: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${column} holds text that is not JSON.`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${column} does not match its schema: ${result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return result.data;
}

export function writeJsonColumn<S extends z.ZodType>(_schema: S, value: z.input<S>): string {
  return JSON.stringify(value);
}
