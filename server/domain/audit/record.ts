import type { DbTx } from "@/server/db/client";
import { auditRepo } from "@/server/db/repositories/audit";
import type { Actor } from "../actor";

/** Who did what: every state-changing domain function records one entry in its transaction. */
export function recordAudit(
  tx: DbTx,
  actor: Actor,
  action: string,
  subject: { type: string; id?: string | null },
  data?: unknown,
) {
  return auditRepo.append(tx, {
    actorId: actor.id === "system" ? null : actor.id,
    action,
    subjectType: subject.type,
    subjectId: subject.id ?? null,
    data,
  });
}
