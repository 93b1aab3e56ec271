"use client";
// Keeps the register current during a meeting: when the server's "amendments" revision moves
// (a proposal, a co-sponsor, a withdrawal, a decision), the server component is rendered again
// with the same filters. Shows whether the page is live.
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { serverRevision } from "../../server-revision";
import { useDraftSignals } from "../../session/useDraftSignals";

export function RegisterLive({ draftId }: { draftId: string }) {
  const t = useTranslations("session");
  const router = useRouter();
  const { provider, state } = useDraftSignals(draftId);
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (!provider) return;
    const onChange = () => {
      const revision = serverRevision(provider.awareness.getStates(), "amendments");
      if (revision === null || revision === seen.current) return;
      // The first one too: something may have changed between the render and the connection.
      seen.current = revision;
      router.refresh();
    };
    provider.awareness.on("change", onChange);
    return () => provider.awareness.off("change", onChange);
  }, [provider, router]);
  return <p className={`session-live live-${state}`} data-testid="register-live" data-state={state}>{t(`live.${state}`)}</p>;
}
