"use client";
// Re-renders the notifications list when the unread count changes (a new one arrived, or one was
// read in another tab).
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useUnreadChanges } from "./live-unread";

export function LiveRefresh() {
  const router = useRouter();
  useUnreadChanges(useCallback(() => router.refresh(), [router]));
  return null;
}
