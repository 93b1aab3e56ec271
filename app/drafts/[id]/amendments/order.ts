// The order in which a committee reads amendments: by article as the text orders them now, then
// by place in the article (the session: whole-article amendments first, then by where their
// passage starts) or by number (the register). One module for both pages; no zod, no Yjs.
import { findQuote } from "@/lib/comments/quote";
import type { Amendment } from "@/lib/contracts/amendments";

/** An article of the draft as the clause index has it (GET /api/drafts/:id/clauses). */
export interface ArticleRef {
  clauseId: string;
  number: number;
  heading: string | null;
  text: string;
}

/** What the chair still has to decide: taken up, not yet taken up, or put off. */
export const OPEN_STATUSES = ["submitted", "under_consideration", "deferred"] as const;
export const isOpen = (a: Pick<Amendment, "status">) => (OPEN_STATUSES as readonly string[]).includes(a.status);

/** Amendments on articles no longer in the text come last. */
const GONE = Number.MAX_SAFE_INTEGER;

/** AM-012 → 12; a private draft (no number yet) after every numbered one. */
function numberOf(a: Pick<Amendment, "number">): number {
  const n = a.number ? Number(a.number.replace(/\D/g, "")) : NaN;
  return Number.isFinite(n) ? n : GONE;
}

function articleIndex(articles: ArticleRef[]) {
  const index = new Map(articles.map((c, i) => [c.clauseId, i]));
  return (a: Pick<Amendment, "clauseId">) => index.get(a.clauseId) ?? GONE;
}

/** Register order: article, then number. */
export function inRegisterOrder<T extends Pick<Amendment, "clauseId" | "number">>(amendments: T[], articles: ArticleRef[]): T[] {
  const article = articleIndex(articles);
  return [...amendments].sort((a, b) => article(a) - article(b) || numberOf(a) - numberOf(b));
}

/** Where an amendment's passage starts in its article (-1: the whole article; after the text when not found). */
function placeIn(articles: Map<string, ArticleRef>, a: Pick<Amendment, "clauseId" | "anchor">): number {
  if (!a.anchor?.exact) return -1;
  const article = articles.get(a.clauseId);
  if (!article) return GONE;
  const at = findQuote(`${article.heading ?? ""}\n${article.text}`, { prefix: a.anchor.prefix ?? "", exact: a.anchor.exact, suffix: a.anchor.suffix ?? "" });
  return at < 0 ? GONE : at;
}

/** Session order: the open amendments by article, then place in the article, then number. */
export function inSessionOrder<T extends Pick<Amendment, "clauseId" | "number" | "anchor" | "status">>(amendments: T[], articles: ArticleRef[]): T[] {
  const article = articleIndex(articles);
  const byId = new Map(articles.map((c) => [c.clauseId, c]));
  return amendments
    .filter(isOpen)
    .map((a) => ({ a, article: article(a), place: placeIn(byId, a), number: numberOf(a) }))
    .sort((x, y) => x.article - y.article || x.place - y.place || x.number - y.number)
    .map((x) => x.a);
}

/** "Art. 3 — Heading" pieces for a clause id, or null when the article is gone. */
export function articleOf(articles: ArticleRef[], clauseId: string): ArticleRef | null {
  return articles.find((c) => c.clauseId === clauseId) ?? null;
}

/** Who speaks for an amendment (the domain's value or the contract's). */
export interface Sponsors {
  sponsor: { delegation: string };
  cosponsors: { delegation: string }[];
}

/** Sponsor first, then co-sponsors: "Ghana + Senegal". */
export function delegationsOf(a: Sponsors): string[] {
  return [a.sponsor.delegation, ...a.cosponsors.map((c) => c.delegation)];
}
