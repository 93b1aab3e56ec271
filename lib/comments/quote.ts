// Finding a comment's quoted text again (prefix / exact / suffix). Its own module, free of zod and
// Yjs, because the editor page runs it in the browser for every highlight (comment-anchors.ts) and
// must not download the anchor's validation schemas for that.

/** The quoted text of an anchor and its surroundings. */
export interface Quote {
  prefix: string;
  exact: string;
  suffix: string;
}

/** Finds `exact` in `text`, preferring the occurrence whose surroundings match prefix/suffix. */
export function findQuote(text: string, anchor: Quote): number {
  if (!anchor.exact) return -1;
  let best = -1;
  let bestScore = -1;
  for (let i = text.indexOf(anchor.exact); i >= 0; i = text.indexOf(anchor.exact, i + 1)) {
    const before = text.slice(Math.max(0, i - anchor.prefix.length), i);
    const after = text.slice(i + anchor.exact.length, i + anchor.exact.length + anchor.suffix.length);
    const score = commonSuffix(before, anchor.prefix) + commonPrefix(after, anchor.suffix);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};
const commonSuffix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
};
