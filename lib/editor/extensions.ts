// The full list of the Charter editor's extensions (schema + clause commands), React-free.
import type { AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { Chapter, CharterDocument, Citation, Clause, ClauseHeading, ClauseIds } from "./schema";
import { ClauseCommands } from "./commands";

/** Every extension of the Charter schema. Collaboration replaces Tiptap's own undo history. */
export function charterExtensions(): AnyExtension[] {
  return [
    CharterDocument,
    StarterKit.configure({
      document: false,
      heading: false,
      blockquote: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      strike: false,
      link: false,
      underline: false,
      undoRedo: false,
      trailingNode: false,
    }),
    Chapter,
    Clause,
    ClauseHeading,
    Citation,
    ClauseIds,
    ClauseCommands,
  ];
}
