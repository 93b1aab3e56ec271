// Whether an article's English and French texts say the same thing: the one rule for its status
// and for which language leads. Pure (hashes in, status out), shared by the indexer, the API and
// the tests. A hash is "" exactly when that language's text (heading and body) is empty.
import type { AlignmentStatus } from "./contracts/alignment";
import { otherLang, type TextLang } from "./editor/languages";

export interface AlignmentState {
  enHash: string;
  frHash: string;
  /** Both hashes at the last confirmation (null: never confirmed, i.e. measured from empty texts). */
  confirmedEnHash: string | null;
  confirmedFrHash: string | null;
  /** The language that first moved away from the confirmed texts (null: neither has). */
  lead: string | null;
}

const hashOf = (state: AlignmentState, lang: TextLang) => (lang === "en" ? state.enHash : state.frHash);
const confirmedOf = (state: AlignmentState, lang: TextLang) => (lang === "en" ? state.confirmedEnHash : state.confirmedFrHash) ?? "";

/** Whether a language's text differs from what was last confirmed (never confirmed: from empty). */
export function diverged(state: AlignmentState, lang: TextLang): boolean {
  return hashOf(state, lang) !== confirmedOf(state, lang);
}

/**
 * The language that leads after the hashes changed: the current lead while it still differs from
 * the confirmed text; otherwise the one language that differs; when both started to differ in
 * the same step, `firstChanged` (the one whose change was seen first); null when neither differs.
 */
export function leadOf(state: AlignmentState, firstChanged: TextLang = "en"): TextLang | null {
  const en = diverged(state, "en");
  const fr = diverged(state, "fr");
  if (!en && !fr) return null;
  if ((state.lead === "en" && en) || (state.lead === "fr" && fr)) return state.lead;
  if (en && fr) return firstChanged;
  return en ? "en" : "fr";
}

export function alignmentStatus(state: AlignmentState): AlignmentStatus {
  const enEmpty = state.enHash === "";
  const frEmpty = state.frHash === "";
  if (enEmpty && frEmpty) return "aligned";
  if (enEmpty) return "en_missing";
  if (frEmpty) return "fr_missing";
  const en = diverged(state, "en");
  const fr = diverged(state, "fr");
  if (!en && !fr) return "aligned";
  // One language changed since the confirmation: the other lags. Both: the one that did not lead.
  const lead: TextLang = en && fr ? (state.lead === "fr" ? "fr" : "en") : en ? "en" : "fr";
  return `${otherLang(lead)}_outdated`;
}
