// Direct changes to a draft's live text, as an editor's typing would make them (no amendment),
// through the same port the domain uses (applyDraftChange: the live room when one runs).
import * as Y from "yjs";
import { applyDraftChange } from "@/server/domain/live-documents";
import { NODE } from "@/lib/editor/schema";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import type { Actor } from "@/server/domain/actor";

/** Applies `edit` to one language's text of the live draft as one change by `by`. */
async function editLiveText(draftId: string, lang: TextLang, by: Actor, edit: (fragment: Y.XmlFragment) => void): Promise<void> {
  await applyDraftChange(
    draftId,
    (state) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const before = Y.encodeStateVector(doc);
      doc.transact(() => edit(fragmentOf(doc, lang)));
      return Y.encodeStateAsUpdate(doc, before);
    },
    by.id,
  );
}

/** Replaces `from` by `to` in every text run that holds it ("" deletes it), in one language's text (English by default). */
export async function replaceInLiveText(draftId: string, from: string, to: string, by: Actor, lang: TextLang = "en"): Promise<void> {
  await editLiveText(draftId, lang, by, (fragment) => {
    const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment | Y.XmlHook) => {
      if (node instanceof Y.XmlText) {
        const i = node.toString().indexOf(from);
        if (i < 0) return;
        node.delete(i, from.length);
        if (to) node.insert(i, to);
      } else if (!(node instanceof Y.XmlHook)) node.toArray().forEach(visit);
    };
    visit(fragment);
  });
}

/** A translator's text for an article (heading and plain paragraphs) or a chapter (its title). */
export type TranslatedText = { heading: string; paragraphs: string[] } | { chapter: string };

/**
 * Writes the text of existing articles and chapters (by clauseId / chapterId) in one language,
 * replacing what they held: how a translator fills the empty French articles the server made.
 */
export async function writeLiveArticles(draftId: string, lang: TextLang, texts: Record<string, TranslatedText>, by: Actor): Promise<void> {
  await editLiveText(draftId, lang, by, (fragment) => {
    for (const el of fragment.toArray()) {
      if (!(el instanceof Y.XmlElement)) continue;
      const text = texts[el.getAttribute("clauseId") ?? el.getAttribute("chapterId") ?? ""];
      if (!text) continue;
      el.delete(0, el.length);
      if ("chapter" in text) el.insert(0, [new Y.XmlText(text.chapter)]);
      else {
        const heading = new Y.XmlElement(NODE.clauseHeading);
        heading.insert(0, [new Y.XmlText(text.heading)]);
        const paragraphs = text.paragraphs.map((p) => {
          const paragraph = new Y.XmlElement(NODE.paragraph);
          paragraph.insert(0, [new Y.XmlText(p)]);
          return paragraph;
        });
        el.insert(0, [heading, ...paragraphs]);
      }
    }
  });
}
