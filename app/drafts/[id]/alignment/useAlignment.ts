"use client";
// Every article's alignment (English and French texts), refetched whenever the server's
// "alignment" revision changes: the indexer signals it when an article's status or last change
// moves (within 2 s of the edit), and a confirmation signals it too.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
// Contract types only: the editor page loads no validation library (see app/_components/api.ts).
import type { AlignmentEntry, AlignmentStatus } from "@/lib/contracts/alignment";
import { callJson } from "../../../_components/api";
import { useServerRevision } from "../server-revision";

export type { AlignmentEntry, AlignmentStatus };

export function useAlignment(draftId: string, provider: WebsocketProvider | null) {
  const [entries, setEntries] = useState<AlignmentEntry[] | null>(null);
  const reload = useCallback(async () => {
    const result = await callJson<AlignmentEntry[]>(`/api/drafts/${draftId}/alignment`);
    if (result.ok) setEntries(result.data);
  }, [draftId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useServerRevision(provider, "alignment", reload);
  const byClause = useMemo(() => new Map((entries ?? []).map((e) => [e.clauseId, e])), [entries]);
  return { entries, byClause, reload };
}
