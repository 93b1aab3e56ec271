// The service worker (bundled by scripts/build-sw.mjs into public/sw.js): reopening a draft
// without a network. Serwist precaches the app shell (every file of the Next.js build's
// `_next/static`, listed at build time) and keeps the editor route's page, network first, so a
// reload offline shows the editor; the text itself comes from the browser's y-indexeddb copy.
import { ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistPlugin } from "serwist";
import { OFFLINE_PAGES_CACHE } from "../lib/offline";

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: PrecacheEntry[] };

/** Pages kept for offline use: the drafts list and the editor of a draft (not its sub-pages). */
const OFFLINE_PAGES = /^\/drafts(\/[^/]+)?\/?$/;

// Only a real page goes in: not a redirect to the sign-in page, not an error.
const onlyCompletePages: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null),
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      // Navigations, and the page's own request to keep it (a CACHE_URLS message from
      // app/_components/OfflineSupport.tsx); never the RSC payloads of client-side navigation.
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && OFFLINE_PAGES.test(url.pathname) && !request.headers.has("rsc") && (request.headers.get("accept") ?? "").includes("text/html"),
      handler: new NetworkFirst({
        cacheName: OFFLINE_PAGES_CACHE,
        plugins: [onlyCompletePages, new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 30 * 24 * 3600 })],
        // ?thread=… and ?clause=… open the same page; Next.js varies on headers navigations lack.
        matchOptions: { ignoreSearch: true, ignoreVary: true },
      }),
    },
  ],
});

serwist.addEventListeners();
