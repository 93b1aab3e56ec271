// The full list of the Charter editor's extensions (schema + clause commands), React-free.
import type { AnyExtension } from "@tiptap/core";
import { Bold } from "@tiptap/extension-bold";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Italic } from "@tiptap/extension-italic";
import { BulletList, ListItem, ListKeymap, OrderedList } from "@tiptap/extension-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Text } from "@tiptap/extension-text";
import { Dropcursor, Gapcursor } from "@tiptap/extensions";
import { Chapter, CharterDocument, Citation, Clause, ClauseHeading, ClauseIds } from "./schema";
import { ClauseCommands } from "./commands";

/** Every extension of the Charter schema. Collaboration replaces Tiptap's own undo history. */
export function charterExtensions(): AnyExtension[] {
  return [
    CharterDocument,
    // StarterKit's enabled extensions, in its order, imported one by one: StarterKit itself
    // bundles every extension it can switch on (link + linkifyjs, code block, …) even when off.
    Bold,
    BulletList,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Italic,
    ListItem,
    ListKeymap,
    OrderedList,
    Paragraph,
    Text,
    Chapter,
    Clause,
    ClauseHeading,
    Citation,
    ClauseIds,
    ClauseCommands,
  ];
}
