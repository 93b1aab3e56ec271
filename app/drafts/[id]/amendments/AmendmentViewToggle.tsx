"use client";
// How each person sees the open amendments in the text (inline, as if accepted, clean), kept per
// user in this browser, and which amendment the chair is considering, announced to everyone.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import type { Editor } from "@tiptap/react";
// Contract types only: the editor page loads no validation library (see app/_components/api.ts).
import type { Amendment } from "@/lib/contracts/amendments";
import type { TextLang } from "@/lib/editor/languages";
import { AMENDMENT_VIEWS, amendmentUnderConsideration, type AmendmentView } from "./amendment-layout";
import { SET_AMENDMENT_VIEW, type AmendmentMessages } from "./amendment-decorations";

const storageKey = (userId: string) => `charter.amendmentView.${userId}`;

function storedView(userId: string): AmendmentView {
  try {
    const value = window.localStorage.getItem(storageKey(userId));
    return (AMENDMENT_VIEWS as readonly string[]).includes(value ?? "") ? (value as AmendmentView) : "inline";
  } catch {
    return "inline"; // storage refused (private mode, policy): the default view
  }
}

/** The person's chosen view, remembered in this browser. */
export function useAmendmentView(userId: string): [AmendmentView, (view: AmendmentView) => void] {
  // The editor renders in the browser only (after the session starts), so storage is readable here.
  const [view, setView] = useState<AmendmentView>(() => (typeof window === "undefined" ? "inline" : storedView(userId)));
  const choose = useCallback(
    (next: AmendmentView) => {
      setView(next);
      try {
        window.localStorage.setItem(storageKey(userId), next);
      } catch {
        // not remembered; the choice still applies now
      }
    },
    [userId],
  );
  return [view, choose];
}

/** The words of the decorations, in the interface language. */
function useAmendmentMessages(): AmendmentMessages {
  const t = useTranslations("amendmentViews");
  return useMemo(
    () => ({
      label: (number, delegations) => t("label", { number: number ?? t("draftNumber"), delegations }),
      intro: (options) => t("intro", { options }),
      passage: (labels) => t("passage", { labels }),
      replaceWith: t("replaceWith"),
      add: t("add"),
      deletion: t("deletion"),
      noChange: t("noChange"),
      or: t("or"),
      outdated: t("outdated"),
      privateDraft: t("privateDraft"),
      notAdopted: t("notAdopted"),
      beingConsidered: t("beingConsidered"),
    }),
    [t],
  );
}

/** Hands the list, the view and the words to the decorations plugin whenever one of them changes. */
export function useAmendmentDecorations(editor: Editor | null, amendments: readonly Amendment[], view: AmendmentView, lang: TextLang = "en") {
  const messages = useAmendmentMessages();
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(SET_AMENDMENT_VIEW, { amendments, view, messages, lang }).setMeta("addToHistory", false));
  }, [editor, amendments, view, messages, lang]);
}

/** A segmented control (native radio buttons: arrow keys move between the views). */
export function AmendmentViewToggle({ view, onChange }: { view: AmendmentView; onChange: (view: AmendmentView) => void }) {
  const t = useTranslations("amendmentViews");
  return (
    <fieldset className="segmented" data-testid="amendment-view-toggle">
      <legend>{t("toggleLabel")}</legend>
      {AMENDMENT_VIEWS.map((v) => (
        <label key={v} className={v === view ? "checked" : undefined}>
          <input type="radio" name="amendment-view" value={v} checked={v === view} onChange={() => onChange(v)} />
          {t(`views.${v}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** "Being considered: AM-012 · Senegal", for everyone, whatever view they chose. */
export function ConsideredAmendment({ amendments }: { amendments: readonly Amendment[] }) {
  const t = useTranslations("amendmentViews");
  const considered = amendmentUnderConsideration(amendments);
  const delegations = considered ? [considered.sponsor.delegation, ...considered.cosponsors.map((c) => c.delegation)].join(", ") : "";
  return (
    <p className="amendment-considered-status" role="status" data-testid="amendment-considered">
      {considered && (
        <>
          <span className="amendment-badge">{t("beingConsidered")}</span>{" "}
          {t("label", { number: considered.number ?? t("draftNumber"), delegations })}
        </>
      )}
    </p>
  );
}
