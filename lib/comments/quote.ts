// Finding a comment's quoted text again (prefix / exact / suffix). Its own module, free of zod and
// Yjs, because the editor page runs it in the browser for every highlight (comment-anchors.ts) and
// must not download the anchor's validation schemas for that.

/** The quoted text of an anchor and its surroundings. */
export interface Quote {
  prefix: string;
  exact: string;
  suffix: string;
}

/**
 * No-break spaces (U+00A0, U+202F narrow, U+2007 figure) read as ordinary spaces: French text holds
 * them before ; : ! ? and inside « », and a quote typed or pasted with plain spaces must still match.
 * One character for one, so positions found in the folded text are positions in the original.
 */
export function foldSpaces(text: string): string {
  return text.replace(/[\u00A0\u202F\u2007]/g, " ");
}

/** Two quotations of one passage are the same text, no-break spaces counting as spaces. */
export function sameQuote(a: string, b: string): boolean {
  return foldSpaces(a) === foldSpaces(b);
}

/** Finds `exact` in `text`, preferring the occurrence whose surroundings match prefix/suffix. */
export function findQuote(rawText: string, rawAnchor: Quote): number {
  if (!rawAnchor.exact) return -1;
  const text = foldSpaces(rawText);
  const anchor = { prefix: foldSpaces(rawAnchor.prefix), exact: foldSpaces(rawAnchor.exact), suffix: foldSpaces(rawAnchor.suffix) };
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
