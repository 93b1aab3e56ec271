"use client";
// Sending a proposal from the editor: straight to the server when connected, into the device's
// queue when not (or when the connection drops on the way). The queue is flushed when the live
// session has synced again, i.e. after the editor's own offline edits went out; the server's
// `text_pending` (the anchored text is still on its way to storage) brings a retry shortly after.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import { proposalQueueName } from "@/lib/offline";
import { postJson, type ApiResult } from "../../../_components/api";
import { ProposalQueue, type FlushResult, type ProposalBody, type QueuedProposal } from "./proposal-queue";

/** Delay before asking again after `text_pending`, growing with each answer. */
const PENDING_RETRY_MS = 1500;

export type SendOutcome =
  | { kind: "sent"; number: string | null; status: string }
  | { kind: "queued" }
  | { kind: "error"; code: string; message: string };

/** What happened to queued proposals on the last flush, for the live region. */
export interface FlushNews {
  sent: { number: string | null; status: string }[];
  refused: number;
  /** A proposal just went into the queue. */
  queued: boolean;
}

type Created = { number: string | null; status: string };

export function useProposalQueue(draftId: string, userId: string, provider: WebsocketProvider, onSent: () => void) {
  const queue = useMemo(
    () => (typeof window === "undefined" ? null : new ProposalQueue(window.localStorage, proposalQueueName(userId, draftId))),
    [draftId, userId],
  );
  const [entries, setEntries] = useState<QueuedProposal[]>(() => queue?.list() ?? []);
  const [news, setNews] = useState<FlushNews | null>(null);
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;
  const refresh = useCallback(() => setEntries(queue?.list() ?? []), [queue]);

  const post = useCallback((body: ProposalBody) => postJson<Created>(`/api/drafts/${draftId}/amendments`, body), [draftId]);

  const flush = useCallback(async (): Promise<FlushResult | null> => {
    if (!queue || !queue.list().some((e) => e.state === "queued")) return null;
    const result = await queue.flush(post);
    refresh();
    if (result.sent.length || result.refused.length) {
      setNews({ sent: result.sent.map((s) => ({ number: s.number, status: s.status })), refused: result.refused.length, queued: false });
      if (result.sent.length) onSentRef.current();
    }
    return result;
  }, [queue, post, refresh]);

  // Flush whenever the session has (re)synced, and again shortly while the server says the
  // anchored text has not arrived yet.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const attempt = async (round: number) => {
      if (stopped || !provider.synced || !provider.wsconnected) return;
      const result = await flush();
      if (!stopped && result?.waiting && provider.synced) timer = setTimeout(() => void attempt(round + 1), PENDING_RETRY_MS * (round + 1));
    };
    const onSync = (synced: boolean) => {
      if (synced) void attempt(0);
    };
    provider.on("sync", onSync);
    void attempt(0);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      provider.off("sync", onSync);
    };
  }, [provider, flush]);

  /** Sends now when connected and synced; otherwise (or when the network fails) queues it. */
  const send = useCallback(
    async (body: ProposalBody): Promise<SendOutcome> => {
      const online = provider.wsconnected && provider.synced && (typeof navigator === "undefined" || navigator.onLine);
      let answer: ApiResult<Created> | null = null;
      if (online) {
        answer = await post(body);
        if (answer.ok) {
          setNews({ sent: [answer.data], refused: 0, queued: false });
          onSentRef.current();
          return { kind: "sent", number: answer.data.number, status: answer.data.status };
        }
      }
      if (!answer || answer.code === "network" || answer.code === "text_pending") {
        if (!queue) return { kind: "error", code: "network", message: answer?.message ?? "" };
        queue.add(body);
        refresh();
        setNews({ sent: [], refused: 0, queued: true });
        // Connected but the anchored text is still on its way: ask again shortly.
        if (answer) setTimeout(() => void flush(), PENDING_RETRY_MS);
        return { kind: "queued" };
      }
      return { kind: "error", code: answer.code, message: answer.message };
    },
    [provider, post, queue, refresh, flush],
  );

  const discard = useCallback((id: string) => {
    queue?.discard(id);
    refresh();
  }, [queue, refresh]);
  const retry = useCallback((id: string) => {
    queue?.requeue(id);
    refresh();
    void flush();
  }, [queue, refresh, flush]);

  return { entries, news, send, discard, retry };
}
export type ProposalQueueState = ReturnType<typeof useProposalQueue>;
