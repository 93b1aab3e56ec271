"use client";
// Which text(s) the editor shows: English, French or both side by side. A choice of each person,
// remembered on this device (per user, so a shared computer keeps each delegate's choice) and
// written into the address (?text=en|fr|both) so a link opens the same view. Independent of the
// interface language (the locale switch).
import { useCallback, useEffect, useState } from "react";
import { useLocale } from "next-intl";
import type { TextLang } from "@/lib/editor/languages";

export const TEXT_VIEWS = ["en", "fr", "both"] as const;
export type TextView = (typeof TEXT_VIEWS)[number];

/** Narrower than this, two columns of text are unreadable: side by side shows one text. */
export const SIDE_BY_SIDE_MIN_WIDTH = 760;

export function isTextView(value: unknown): value is TextView {
  return typeof value === "string" && (TEXT_VIEWS as readonly string[]).includes(value);
}

function storageKey(userId: string): string {
  return `charter:text-view:${userId}`;
}

function remembered(userId: string): TextView | null {
  try {
    const stored = window.localStorage.getItem(storageKey(userId));
    return isTextView(stored) ? stored : null;
  } catch {
    return null; // storage refused (private mode, policy): the view is simply not remembered
  }
}

/** The address's choice first (a shared link), then this device's, then English. */
function initialView(userId: string): TextView {
  const fromUrl = new URLSearchParams(window.location.search).get("text");
  return isTextView(fromUrl) ? fromUrl : (remembered(userId) ?? "en");
}

export interface TextViewChoice {
  /** What the person chose. */
  chosen: TextView;
  /** What is shown: side by side falls back to one text on a narrow screen. */
  shown: TextView;
  /** True when side by side was chosen but the screen is too narrow for it. */
  narrowFallback: boolean;
  choose(view: TextView): void;
}

/** Only called on the client (the live editor renders after the local copy loaded). */
export function useTextView(userId: string): TextViewChoice {
  const [chosen, setChosen] = useState<TextView>(() => initialView(userId));
  const narrow = useNarrowScreen();
  const locale = useLocale();

  // The device remembers the choice (also when it came from the address).
  useEffect(() => {
    try {
      window.localStorage.setItem(storageKey(userId), chosen);
    } catch {
      // not remembered; the address carries a choice made here
    }
  }, [chosen, userId]);

  // The address changes only when the person chooses: written when the editor mounts, it raced a
  // click on a tab made meanwhile (Next.js took the rewrite for a navigation back to the editor).
  const choose = useCallback((view: TextView) => {
    setChosen(view);
    const url = new URL(window.location.href);
    url.searchParams.set("text", view);
    window.history.replaceState(null, "", url); // a state of our own: Next.js keeps useSearchParams in step
  }, []);
  const narrowFallback = chosen === "both" && narrow;
  // The text of the interface's language is the natural one to keep on a small screen.
  const fallback: TextLang = locale === "fr" ? "fr" : "en";
  const shown = narrowFallback ? fallback : chosen;

  // The export menu (outside the live editor) offers the text(s) on screen.
  useEffect(() => {
    window.dispatchEvent(new CustomEvent<TextView>(TEXT_VIEW_EVENT, { detail: shown }));
  }, [shown]);
  return { chosen, shown, narrowFallback, choose };
}

/** Dispatched on window with the view shown whenever it changes. */
export const TEXT_VIEW_EVENT = "charter:text-view";

/** The text view the editor on this page shows (null before it has said). */
export function useShownTextView(): TextView | null {
  const [shown, setShown] = useState<TextView | null>(null);
  useEffect(() => {
    const heard = (event: Event) => {
      const view = (event as CustomEvent<unknown>).detail;
      if (isTextView(view)) setShown(view);
    };
    window.addEventListener(TEXT_VIEW_EVENT, heard);
    return () => window.removeEventListener(TEXT_VIEW_EVENT, heard);
  }, []);
  return shown;
}

function useNarrowScreen(): boolean {
  const query = `(max-width: ${SIDE_BY_SIDE_MIN_WIDTH - 1}px)`;
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const changed = () => setNarrow(list.matches);
    changed();
    list.addEventListener("change", changed);
    return () => list.removeEventListener("change", changed);
  }, [query]);
  return narrow;
}

/** The texts a view shows, in their column order. */
export function langsOf(view: TextView): TextLang[] {
  return view === "both" ? ["en", "fr"] : [view];
}
