import type { z } from "@/lib/zod";
import { DomainError } from "./errors";

/** Validates input at a domain boundary; the first problem becomes a readable message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw new DomainError("invalid", `${where}${issue?.message ?? "Invalid input."}`, result.error.issues);
  }
  return result.data;
}
