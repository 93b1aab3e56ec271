"use client";
// The extensions every text editor of a draft has, whatever its language: the schema and clause
// commands, its own fragment of the shared Y.Doc, heading hints, the clause highlight, citation
// flags, other people's carets, and side-by-side row heights. Area-specific decorations
// (comments, brackets, amendments) are added by the caller.
import type { AnyExtension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { charterExtensions } from "@/lib/editor/extensions";
import { FRAGMENT, type TextLang } from "@/lib/editor/languages";
import { CITATION_DRAG_TYPE } from "../citation-drag";
import { CitationStatus, type CitationStatusLookup } from "../citation-status";
import { ClauseHighlight } from "../clause-highlight";
import { HeadingPlaceholder } from "../heading-placeholder";
import { RowAlignment } from "./row-heights";

export interface CaretUser {
  id: string;
  name: string;
  delegation: string;
  color: string;
}

export interface TextEditorSetup {
  doc: Y.Doc;
  provider: WebsocketProvider;
  caretUser: CaretUser;
  hints: () => { clauseHeading: string; chapter: string };
  citationLookup: CitationStatusLookup;
  citationMessages: { missing: string; withdrawn: string };
}

export function textExtensions(lang: TextLang, setup: TextEditorSetup): AnyExtension[] {
  return [
    ...charterExtensions(),
    // Each editor binds its own language's fragment; the server mirrors structure, never an editor.
    Collaboration.configure({ document: setup.doc, field: FRAGMENT[lang] }),
    HeadingPlaceholder.configure({ hints: setup.hints }),
    ClauseHighlight,
    CitationStatus.configure({ lookup: setup.citationLookup, messages: setup.citationMessages, dragType: CITATION_DRAG_TYPE }),
    // Both editors share one awareness and its one `cursor` field: y-prosemirror draws a caret only
    // where its relative position resolves (in that editor's own fragment), and a blurred editor
    // clears the field only when the caret there is its own, so the two never erase each other's.
    CollaborationCaret.configure({
      provider: setup.provider,
      user: setup.caretUser,
      render: (u) => {
        const caret = document.createElement("span");
        caret.className = "collab-caret";
        caret.style.borderColor = u.color;
        const label = document.createElement("span");
        label.className = "collab-caret-label";
        label.style.backgroundColor = u.color;
        label.textContent = u.delegation ? `${u.name} · ${u.delegation}` : u.name; // text, never HTML
        caret.append(label);
        return caret;
      },
    }),
    RowAlignment,
  ];
}

/** The editable text's name, role and language for assistive technology and spell-checking. */
export function textboxAttributes(label: string, lang: TextLang): Record<string, string> {
  return { role: "textbox", "aria-multiline": "true", "aria-label": label, lang, spellcheck: "true" };
}
