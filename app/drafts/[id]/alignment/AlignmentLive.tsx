"use client";
// Keeps the alignment table current: when the server's "alignment" revision moves (an edit in
// either language, a confirmation), the server component is rendered again.
import { useCallback } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useServerRevision } from "../server-revision";
import { useDraftSignals } from "../session/useDraftSignals";

export function AlignmentLive({ draftId }: { draftId: string }) {
  const t = useTranslations("session");
  const router = useRouter();
  const { provider, state } = useDraftSignals(draftId);
  const refresh = useCallback(() => router.refresh(), [router]);
  useServerRevision(provider, "alignment", refresh);
  return <p className={`session-live live-${state}`} data-testid="alignment-live" data-state={state}>{t(`live.${state}`)}</p>;
}
