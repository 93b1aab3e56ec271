"use client";
// The whole source library (a few hundred items at most), loaded once per editor: the panel
// filters it locally and the citation popovers and integrity flags read it. Requested once the
// collaboration session has synced: on a slow link the text comes first (issue 14); the flags
// refresh when the list arrives.
import { useEffect, useState } from "react";
import type { SourceItem } from "@/lib/contracts/sources"; // type only: no zod on the editor page
import { callJson } from "../../_components/api";

export type { SourceItem };

export function useSources(wanted: boolean): { items: SourceItem[]; byId: Map<string, SourceItem>; loaded: boolean } {
  const [items, setItems] = useState<SourceItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  // Once wanted, always wanted: a later reconnection does not download the list again.
  const [requested, setRequested] = useState(wanted);
  if (wanted && !requested) setRequested(true);
  useEffect(() => {
    if (!requested) return;
    let live = true;
    void callJson<SourceItem[]>("/api/sources?status=all").then((r) => {
      if (!live || !r.ok) return;
      setItems(r.data);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [requested]);
  return { items, byId: new Map(items.map((i) => [i.id, i])), loaded };
}
