// How the source library is searched, on the server and in the editor's panel alike: every query
// word must begin a word of the item ("formation" finds "formation" and "formations", never
// "information"); accents, case, apostrophes, hyphens and no-break spaces (French typography) are ignored.
import { foldSpaces } from "./comments/quote";

export function foldForSearch(text: string): string {
  return foldSpaces(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/[’]/g, "'").toLowerCase();
}

export interface SearchableItem {
  key: string;
  title: string | null;
  text: string;
  section: string | null;
  subsection: string | null;
  actors: string[];
}

/** Folded words: runs of letters and digits (so "l’intégration" is "l" and "integration"). */
function wordsOf(text: string): string[] {
  return foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function searchWords(query: string | undefined): string[] {
  return query ? wordsOf(query) : [];
}

export function matchesWords(item: SearchableItem, words: string[]): boolean {
  if (words.length === 0) return true;
  const itemWords = wordsOf([item.key, item.title ?? "", item.text, item.section ?? "", item.subsection ?? "", item.actors.join(" ")].join(" "));
  return words.every((w) => itemWords.some((iw) => iw.startsWith(w)));
}

export function hasActor(item: { actors: string[] }, actor: string | undefined): boolean {
  return !actor || item.actors.some((a) => foldForSearch(a) === foldForSearch(actor));
}
