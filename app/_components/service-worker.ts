"use client";
// When the service worker (sw/service-worker.ts, built into public/sw.js) is registered. Its
// install precaches the whole app shell: on a slow link that download must not compete with the
// page being opened (issue 14). The editor page starts it once its collaboration session has
// synced; every other page once the browser is idle after loading.

/** The editor page gives up waiting for its session after this long (e.g. the server is down). */
const EDITOR_WAIT_MS = 15_000;
export const EDITOR_ROUTE = /^\/drafts\/[^/]+\/?$/;

let started = false;

function supported(): boolean {
  return process.env.NODE_ENV === "production" && "serviceWorker" in navigator;
}

/** Registers the worker (once per page load; the browser keeps the registration). */
export function startServiceWorker(): void {
  if (started || !supported()) return;
  started = true;
  void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
}

/** Starts the worker when the page that was loaded first can spare the network; returns a cancel. */
export function startServiceWorkerWhenQuiet(): () => void {
  if (started || !supported()) return () => undefined;
  const onEditor = EDITOR_ROUTE.test(location.pathname);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const afterLoad = () => {
    if (onEditor) timer = setTimeout(startServiceWorker, EDITOR_WAIT_MS);
    else if ("requestIdleCallback" in window) idle = requestIdleCallback(startServiceWorker, { timeout: 5_000 });
    else timer = setTimeout(startServiceWorker, 1_000);
  };
  if (document.readyState === "complete") afterLoad();
  else window.addEventListener("load", afterLoad, { once: true });
  return () => {
    window.removeEventListener("load", afterLoad);
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
