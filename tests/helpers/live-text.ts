// Direct changes to a draft's live text, as an editor's typing would make them (no amendment),
// through the same port the domain uses (applyDraftChange: the live room when one runs).
import * as Y from "yjs";
import { applyDraftChange } from "@/server/domain/live-documents";
import { fragmentOf, type TextLang } from "@/lib/editor/languages";
import type { Actor } from "@/server/domain/actor";

/** Replaces `from` by `to` in every text run of `lang`'s text that holds it ("" deletes it). */
export async function replaceInLiveText(draftId: string, from: string, to: string, by: Actor, lang: TextLang = "en"): Promise<void> {
  await applyDraftChange(
    draftId,
    (state) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const before = Y.encodeStateVector(doc);
      const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment | Y.XmlHook) => {
        if (node instanceof Y.XmlText) {
          const i = node.toString().indexOf(from);
          if (i < 0) return;
          node.delete(i, from.length);
          if (to) node.insert(i, to);
        } else if (!(node instanceof Y.XmlHook)) node.toArray().forEach(visit);
      };
      visit(fragmentOf(doc, lang));
      return Y.encodeStateAsUpdate(doc, before);
    },
    by.id,
  );
}
