"use client";
// Registers the service worker (sw/service-worker.ts, built into public/sw.js) and asks it to
// keep the page of each draft opened, so that the draft reopens without a network. The page
// that registers the worker was loaded before the worker existed: hence the explicit request.
import { useEffect } from "react";
import { usePathname } from "next/navigation";

const EDITOR_ROUTE = /^\/drafts\/[^/]+\/?$/;

export function OfflineSupport() {
  const pathname = usePathname();
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
  }, []);
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator) || !EDITOR_ROUTE.test(pathname)) return;
    let cancelled = false;
    void navigator.serviceWorker.ready.then((registration) => {
      if (cancelled || !navigator.onLine) return;
      // Serwist's CACHE_URLS message: the worker fetches the page through its own route.
      registration.active?.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: [[location.pathname, { headers: { accept: "text/html" } }]] } });
    });
    return () => {
      cancelled = true;
    };
  }, [pathname]);
  return null;
}
