"use client";
// Keeps the register current during a meeting: when the server's "amendments" revision moves
// (a proposal, a co-sponsor, a withdrawal, a decision), the server component is rendered again
// with the same filters. Shows whether the page is live.
import { useCallback } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useServerRevision } from "../../server-revision";
import { useDraftSignals } from "../../session/useDraftSignals";

export function RegisterLive({ draftId }: { draftId: string }) {
  const t = useTranslations("session");
  const router = useRouter();
  const { provider, state } = useDraftSignals(draftId);
  const refresh = useCallback(() => router.refresh(), [router]);
  // The first revision too: something may have changed between the render and the connection.
  useServerRevision(provider, "amendments", refresh);
  return <p className={`session-live live-${state}`} data-testid="register-live" data-state={state}>{t(`live.${state}`)}</p>;
}
