"use client";
// The drafting phase as everyone sees it: what the phase means for this reader (a member in the
// amendments phase reads "the text is read-only for delegations; propose an amendment"), and for
// the chair and the secretariat a control to change it. The server decides (PATCH
// /api/drafts/:id, permission draft:phase); this only shows and asks.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { callJson } from "../../_components/api";
import type { Draft } from "@/lib/contracts/drafts"; // type only: no zod on the editor page
import type { DraftPhase } from "./usePhase";

/** Per phase, whether this reader may type into the text (computed by the server's permission module). */
export type EditableIn = Record<DraftPhase, boolean>;

export interface PhaseProps {
  initial: DraftPhase;
  editableIn: EditableIn;
  /** Chair and secretariat: may change the phase. */
  canSet: boolean;
  /** Chair and secretariat: may bracket passages. */
  canBracket: boolean;
  /** Observers and viewers never type, whatever the phase. */
  readsOnly: boolean;
}

const ORDER: DraftPhase[] = ["editing", "amendments", "frozen"];

export function PhaseBanner({
  draftId,
  phase,
  props,
  onChanged,
  refusedChanges,
}: {
  draftId: string;
  phase: DraftPhase;
  props: PhaseProps;
  onChanged: (phase: DraftPhase) => void;
  /** The server refused changes this device had made (typed offline before the phase changed). */
  refusedChanges: boolean;
}) {
  const t = useTranslations("phase");
  const selectId = useId();
  const [saving, setSaving] = useState(false);
  // Chosen first, applied with the button: arrowing through the list must not switch phases.
  const [chosen, setChosen] = useState<DraftPhase | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What the phase means for this reader: the leads, the delegations, or those who only read.
  const audience = props.canSet ? "lead" : props.readsOnly ? "reader" : "member";
  const change = async (next: DraftPhase) => {
    setSaving(true);
    setError(null);
    const result = await callJson<Draft>(`/api/drafts/${draftId}`, { method: "PATCH", body: { phase: next } });
    setSaving(false);
    if (result.ok) {
      setChosen(null);
      onChanged(result.data.phase);
    }
    else setError(result.message);
  };
  return (
    <section className={`phase-banner phase-${phase}`} aria-label={t("region")} data-testid="phase-banner" data-phase={phase}>
      <p>
        <strong>{t(`name.${phase}`)}</strong> {t(`meaning.${phase}.${audience}`)}
      </p>
      {refusedChanges && !props.editableIn[phase] && (
        <p role="alert" data-testid="phase-refused">{t("refused")}</p>
      )}
      {props.canSet && (
        <form
          className="phase-control"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen && chosen !== phase) void change(chosen);
          }}
        >
          <label htmlFor={selectId}>{t("control")}</label>
          <select id={selectId} value={chosen ?? phase} disabled={saving} onChange={(e) => setChosen(e.target.value as DraftPhase)} data-testid="phase-select">
            {ORDER.map((p) => (
              <option key={p} value={p}>{t(`option.${p}`)}</option>
            ))}
          </select>
          <button type="submit" disabled={saving || !chosen || chosen === phase}>{t("apply")}</button>
          {error && <span role="alert">{error}</span>}
        </form>
      )}
    </section>
  );
}
