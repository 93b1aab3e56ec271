"use client";
// The draft's amendments as the caller may see them (others' private drafts excluded by the
// server), refetched whenever the server's "amendments" revision changes: a proposal, a
// co-sponsor, a withdrawal or a decision reaches every open editor at once.
import { useCallback, useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
// Contract types only: the editor page loads no validation library (see app/_components/api.ts).
import type { Amendment } from "@/lib/contracts/amendments";
import { callJson } from "../../../_components/api";
import { useServerRevision } from "../server-revision";

export type { Amendment };

export function useAmendments(draftId: string, provider: WebsocketProvider | null) {
  const [amendments, setAmendments] = useState<Amendment[]>([]);
  const reload = useCallback(async () => {
    const result = await callJson<Amendment[]>(`/api/drafts/${draftId}/amendments`);
    if (result.ok) setAmendments(result.data);
  }, [draftId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useServerRevision(provider, "amendments", reload);
  return { amendments, reload };
}
