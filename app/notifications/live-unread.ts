"use client";
// The signed-in user's unread notification count, live: one EventSource per page
// (/api/notifications/stream), shared by everything that shows or follows the count.
import { useEffect, useState } from "react";
import type { UnreadEvent } from "@/lib/contracts/comments"; // type only: every page loads this, without zod

type Listener = (unread: number) => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let latest: number | null = null;

// Browsers allow about six HTTP/1.1 connections per server: a stream per open tab would soon
// starve the rest, so only a visible page holds one (it gets the current count on opening).
function open() {
  if (source || document.visibilityState !== "visible") return;
  source = new EventSource("/api/notifications/stream"); // reconnects on its own after a network loss
  source.addEventListener("unread", (event) => {
    let data: unknown = null;
    try {
      data = JSON.parse((event as MessageEvent<string>).data);
    } catch {
      // not JSON: reported below like any other shape
    }
    const unread = (data as UnreadEvent | null)?.unread;
    if (typeof unread !== "number" || unread < 0) return console.error("notifications stream: an unread event does not match its contract", data);
    latest = unread;
    for (const l of listeners) l(unread);
  });
}

function close() {
  source?.close();
  source = null;
}

const onVisibility = () => (document.visibilityState === "visible" ? open() : close());

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1) document.addEventListener("visibilitychange", onVisibility);
  open();
  if (latest !== null) listener(latest);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    document.removeEventListener("visibilitychange", onVisibility);
    close();
    latest = null;
  };
}

/** The unread count, starting from the server-rendered one. */
export function useUnreadCount(initial: number): number {
  const [unread, setUnread] = useState(initial);
  useEffect(() => subscribe(setUnread), []);
  return unread;
}

/** Calls `onChange` whenever the unread count changes after the first answer. */
export function useUnreadChanges(onChange: () => void): void {
  useEffect(() => {
    let seen: number | null = null;
    return subscribe((unread) => {
      if (seen !== null && unread !== seen) onChange();
      seen = unread;
    });
  }, [onChange]);
}
