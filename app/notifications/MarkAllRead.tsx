"use client";
import { useRouter } from "next/navigation";
import { callJson } from "../_components/api";

export function MarkAllRead({ label }: { label: string }) {
  const router = useRouter();
  return (
    <button type="button" onClick={async () => {
      await callJson("/api/notifications/read", { method: "POST", body: {} });
      router.refresh();
    }}>
      {label}
    </button>
  );
}
