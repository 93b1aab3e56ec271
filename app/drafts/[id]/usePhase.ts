"use client";
// The draft's drafting phase in the open editor: starts from the page's answer and follows the
// server's "phase" revision (signalled after every change), so a phase change reaches every open
// editor at once. The first revision seen is fetched too: a page opened from the offline cache
// may carry an old phase.
import { useCallback, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
// Contract types only: the editor page loads no validation library (see app/_components/api.ts).
import type { Draft } from "@/lib/contracts/drafts";
import { callJson } from "../../_components/api";
import { useServerRevision } from "./server-revision";

export type DraftPhase = Draft["phase"];
const PHASES: readonly string[] = ["editing", "amendments", "frozen"] satisfies DraftPhase[];

export function useDraftPhase(draftId: string, provider: WebsocketProvider | undefined, initial: DraftPhase) {
  const [phase, setPhase] = useState<DraftPhase>(initial);
  const reload = useCallback(async () => {
    const result = await callJson<Draft>(`/api/drafts/${draftId}`);
    if (result.ok && PHASES.includes(result.data.phase)) setPhase(result.data.phase);
  }, [draftId]);
  useServerRevision(provider, "phase", reload);
  return { phase, setPhase };
}
