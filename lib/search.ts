// How the source library is searched, on the server and in the editor's panel alike: every word
// must occur; accents, case and apostrophe styles are ignored.
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’]/g, "'").toLowerCase();
}

export interface SearchableItem {
  key: string;
  title: string | null;
  text: string;
  section: string | null;
  subsection: string | null;
  actors: string[];
}

export function searchWords(query: string | undefined): string[] {
  return query ? foldForSearch(query).split(/\s+/).filter(Boolean) : [];
}

export function matchesWords(item: SearchableItem, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = foldForSearch([item.key, item.title ?? "", item.text, item.section ?? "", item.subsection ?? "", item.actors.join(" ")].join(" "));
  return words.every((w) => haystack.includes(w));
}

export function hasActor(item: { actors: string[] }, actor: string | undefined): boolean {
  return !actor || item.actors.some((a) => foldForSearch(a) === foldForSearch(actor));
}
