import "server-only";
import { notFound } from "next/navigation";
import { DomainError } from "@/server/domain/errors";

/** Pages answer 404 when the domain says something does not exist; other errors propagate. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}
