"use client";
// Starts the service worker (when, see ./service-worker.ts) and asks it to keep the page of each
// draft opened, so that the draft reopens without a network. The page that registers the worker
// was loaded before the worker existed: hence the explicit request.
import { useEffect } from "react";
import { usePathname } from "next/navigation";
import { EDITOR_ROUTE, startServiceWorkerWhenQuiet } from "./service-worker";

export function OfflineSupport() {
  const pathname = usePathname();
  useEffect(() => startServiceWorkerWhenQuiet(), []);
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
