"use client";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DraftTabs } from "./DraftTabs";
import { ExportMenu } from "./ExportMenu";
import { useRouter, useSearchParams } from "next/navigation";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { NODE } from "@/lib/editor/schema";
import { isTextLang, type TextLang } from "@/lib/editor/languages";
import { currentTopLevel } from "@/lib/editor/commands";
import { useCollabSession, type ConnectionState } from "./useCollabSession";
import { colorFor } from "./colors";
import { textColorOn } from "./contrast";
import { useSources } from "./useSources";
import { startServiceWorker } from "../../_components/service-worker";
import { REFRESH_CITATION_STATUS } from "./citation-status";
import { HIGHLIGHT_CLAUSE } from "./clause-highlight";
import { CommentHighlights } from "./comment-anchors";
import { CommentsPanel, useCommentHighlights, useLiveThreadStatus, useThreads, type CommentAbilities } from "./CommentsPanel";
import { Toolbar } from "./Toolbar";
import { REFRESH_HEADING_PLACEHOLDER } from "./heading-placeholder";
import { useSidePanels, PanelToggles, type SidePanels } from "./side-panels";
import { buildOutline, sameOutline, textStartOf, type OutlineEntry } from "./outline";
import { PhaseBanner, type PhaseProps } from "./PhaseBanner";
import { useDraftPhase } from "./usePhase";
import { BracketTools } from "./BracketTools";
import { BracketedPassages } from "./bracket-decorations";
import { useAmendments } from "./amendments/useAmendments";
import { AmendmentDecorations } from "./amendments/amendment-decorations";
import { AmendmentViewToggle, ConsideredAmendment, useAmendmentDecorations, useAmendmentView } from "./amendments/AmendmentViewToggle";
import { useProposalQueue } from "./amendments/useProposalQueue";
import { proposalTarget, type ProposalTarget } from "./amendments/proposal-target";
import type { AmendmentAbilities } from "./amendments/AmendmentsPanel";
import { textboxAttributes, textExtensions, type TextEditorSetup } from "./bilingual/text-extensions";
import { FrenchEditor } from "./bilingual/FrenchEditor";
import { TextViewSwitch } from "./bilingual/TextViewSwitch";
import { useTextView } from "./bilingual/useTextView";
import { useAlignedRows } from "./bilingual/useAlignedRows";
import { ArticleGutter } from "./bilingual/ArticleGutter";
import { useAlignment, type AlignmentEntry } from "./alignment/useAlignment";
import { AlignmentFlag } from "./alignment/AlignmentFlag";
import { AlignmentConfirm } from "./alignment/AlignmentConfirm";
import { AlignmentSummary } from "./alignment/AlignmentSummary";

// Not needed to show or edit the text: downloaded beside the first paint (issue 14).
const SourcesPanel = dynamic(() => import("./SourcesPanel").then((m) => m.SourcesPanel));
const CitationPopover = dynamic(() => import("./CitationPopover").then((m) => m.CitationPopover));
const AmendmentsPanel = dynamic(() => import("./amendments/AmendmentsPanel").then((m) => m.AmendmentsPanel));
const ProposeDialog = dynamic(() => import("./amendments/ProposeDialog").then((m) => m.ProposeDialog));

export interface EditorUser {
  id: string;
  name: string;
  delegation: string;
}

interface Peer {
  clientId: number;
  name: string;
  delegation: string;
  color: string;
  clauseId: string | null;
  /** The text the person is in (issue 13); null from clients that do not say. */
  lang: TextLang | null;
}

export function CharterEditor({ draftId, title, canEdit, user, commentAbilities, phaseProps, amendmentAbilities }: { draftId: string; title: string; canEdit: boolean; user: EditorUser; commentAbilities: CommentAbilities; phaseProps: PhaseProps; amendmentAbilities: AmendmentAbilities }) {
  const t = useTranslations("editor");
  const session = useCollabSession(draftId, user.id, canEdit ? "rw" : "ro");
  const { phase, setPhase } = useDraftPhase(draftId, session?.provider, phaseProps.initial);
  // The server's answer for this session follows role changes; the page's answer is the start.
  // The drafting phase may lock the text on top of that (members in amendments and frozen).
  const roleEditable = session ? session.mode === "rw" : canEdit;
  const editable = roleEditable && phaseProps.editableIn[phase];
  const refusedByPhase = session?.notice === "reset" && roleEditable && !phaseProps.editableIn[phase];
  // The role changed: the server-rendered parts (header role, comment abilities) follow too.
  const router = useRouter();
  const mode = session?.mode;
  // Starts from the page's answer, so opening (online or offline) never refreshes by itself.
  const startMode = useRef<string>(canEdit ? "rw" : "ro");
  useEffect(() => {
    if (mode && mode !== startMode.current) {
      startMode.current = mode;
      router.refresh();
    }
  }, [mode, router]);
  const synced = session?.synced ?? false;
  useEffect(() => {
    if (synced) startServiceWorker();
  }, [synced]);
  return (
    <div className="editor-page" data-synced={session?.synced ? "true" : "false"}>
      <div className="editor-header">
        <h1>{title}</h1>
        <DraftTabs draftId={draftId} title={title} current="text" />
        <ConnectionBadge state={session?.state ?? "connecting"} readOnly={!editable} />
        <ExportMenu draftId={draftId} />
      </div>
      <PhaseBanner draftId={draftId} phase={phase} props={phaseProps} onChanged={setPhase} refusedChanges={refusedByPhase} />
      {session?.notice && !refusedByPhase && <p className="notice" role="status" data-testid="access-notice">{t(`accessNotice.${session.notice}`)}</p>}
      {!roleEditable && <p className="notice" role="note">{t("readOnly")}</p>}
      {session?.ready ? (
        <LiveEditor
          key={session.generation}
          doc={session.doc}
          provider={session.provider}
          synced={session.synced}
          frenchReady={session.frenchReady}
          canEdit={editable}
          user={user}
          draftId={draftId}
          commentAbilities={{ ...commentAbilities, edit: editable }}
          canBracket={phaseProps.canBracket}
          amendmentAbilities={amendmentAbilities}
        />
      ) : (
        <p role="status">{session?.state === "denied" ? t("status.denied") : t("loading")}</p>
      )}
    </div>
  );
}

/** Always in view (fixed to the window's corner), and says what this person's typing does. */
function ConnectionBadge({ state, readOnly }: { state: ConnectionState; readOnly: boolean }) {
  const t = useTranslations("editor.status");
  const message = readOnly && state === "connected" ? "connectedReadOnly" : readOnly && state === "offline" ? "offlineReadOnly" : state;
  return (
    <p className={`connection connection-${state}`} role="status" aria-live="polite" data-testid="connection-status" data-state={state} data-mode={readOnly ? "ro" : "rw"}>
      {t(message)}
    </p>
  );
}

function LiveEditor({ doc, provider, synced, frenchReady, canEdit, user, draftId, commentAbilities, canBracket, amendmentAbilities }: { doc: Y.Doc; provider: WebsocketProvider; synced: boolean; frenchReady: boolean; canEdit: boolean; user: EditorUser; draftId: string; commentAbilities: CommentAbilities; canBracket: boolean; amendmentAbilities: AmendmentAbilities }) {
  const t = useTranslations("editor");
  const tCite = useTranslations("citations");
  const sources = useSources(synced);
  const sourcesRef = useRef(sources.byId);
  sourcesRef.current = sources.byId;
  const [focusedSource, setFocusedSource] = useState<string | null>(null);
  const tComments = useTranslations("comments");
  const tBilingual = useTranslations("bilingual");
  const params = useSearchParams();
  const [sideTab, setSideTab] = useState<"sources" | "comments" | "amendments">(params.get("thread") ? "comments" : "sources");
  const tAmend = useTranslations("amendments");
  const { amendments, reload: reloadAmendments } = useAmendments(draftId, provider);
  const proposalQueue = useProposalQueue(draftId, user.id, provider, () => void reloadAmendments());
  const [proposing, setProposing] = useState<ProposalTarget | null>(null);
  const [proposeHint, setProposeHint] = useState(false);
  const [activeThread, setActiveThread] = useState<string | null>(params.get("thread"));
  const { threads: storedThreads, reload: reloadThreads } = useThreads(draftId, provider);
  const alignment = useAlignment(draftId, provider);
  const panels = useSidePanels();
  const { openPanel } = panels;
  const caretUser = useMemo(
    () => ({ id: user.id, name: user.name, delegation: user.delegation, color: colorFor(user.id) }),
    [user],
  );
  const hints = { clauseHeading: t("headingPlaceholder"), chapter: t("chapterPlaceholder") };
  const hintsRef = useRef(hints);
  hintsRef.current = hints;
  // What both texts' editors share (text-extensions.ts); read through refs, so built once.
  const textSetup = useMemo<TextEditorSetup>(
    () => ({
      doc,
      provider,
      caretUser,
      hints: () => hintsRef.current,
      citationLookup: (id) => {
        if (!sourcesRef.current.size) return "unknown";
        const item = sourcesRef.current.get(id);
        return !item ? "missing" : item.status === "withdrawn" ? "withdrawn" : "active";
      },
      citationMessages: { missing: tCite("missing"), withdrawn: tCite("withdrawn") },
    }),
    [doc, provider, caretUser, tCite],
  );
  // The English text (the "default" fragment). It stays mounted in every view (hidden when only
  // the French text is shown): the outline, comments and amendments read it.
  const editor = useEditor({
    immediatelyRender: false,
    editable: canEdit,
    editorProps: { attributes: textboxAttributes(t("textLabel"), "en") },
    extensions: [...textExtensions("en", textSetup), CommentHighlights, BracketedPassages, AmendmentDecorations],
  });

  // Which text(s) are shown (issue 13), and which editor the toolbar acts on: the one last focused.
  const textView = useTextView(user.id);
  const showsEnglish = textView.shown !== "fr";
  const showsFrench = textView.shown !== "en";
  const [frenchEditor, setFrenchEditor] = useState<Editor | null>(null);
  const [focusedLang, setFocusedLang] = useState<TextLang>("en");
  const focusFrench = useCallback(() => setFocusedLang("fr"), []);
  const frenchShown = showsFrench ? frenchEditor : null;
  const activeEditor = frenchShown && (!showsEnglish || focusedLang === "fr") ? frenchShown : editor;
  /** The text the toolbar, proposals and brackets act on. */
  const activeLang: TextLang = activeEditor && activeEditor === frenchShown ? "fr" : "en";
  useEffect(() => {
    if (!editor) return;
    const focusEnglish = () => setFocusedLang("en");
    editor.on("focus", focusEnglish);
    return () => {
      editor.off("focus", focusEnglish);
    };
  }, [editor]);
  const gutterRef = useRef<HTMLDivElement>(null);
  const shownEditors = useMemo(() => [showsEnglish ? editor : null, frenchShown].filter((e): e is Editor => !!e), [showsEnglish, editor, frenchShown]);
  const gutterRows = useAlignedRows(showsFrench ? shownEditors : [], gutterRef);

  // A passage when one is selected in an article, else the article around the cursor.
  const propose = (wholeArticle: boolean) => {
    const target = activeEditor ? proposalTarget(activeEditor, wholeArticle, activeLang) : null;
    setProposeHint(!target); // the cursor is in no article (a chapter title)
    setProposing(target);
  };

  // The server's editable flag is set at creation; role changes switch it on the live editor.
  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);

  // Each text's editor judges (and draws) the threads, amendments and brackets of its own text.
  const threads = useLiveThreadStatus(frenchShown, useLiveThreadStatus(editor, storedThreads, "en"), "fr");
  const [outline, setOutline] = useState<OutlineEntry[]>([]);
  useCommentHighlights(editor, threads, activeThread, "en");
  useCommentHighlights(frenchShown, threads, activeThread, "fr");
  const [amendmentView, setAmendmentView] = useAmendmentView(user.id);
  useAmendmentDecorations(editor, amendments, amendmentView, "en");
  useAmendmentDecorations(frenchShown, amendments, amendmentView, "fr");

  // Clicking highlighted text opens its thread.
  useEffect(() => {
    if (!editor) return;
    const onClick = (e: Event) => {
      const mark = (e.target as Element).closest("[data-thread-id]");
      if (!mark) return;
      setActiveThread(mark.getAttribute("data-thread-id"));
      setSideTab("comments");
      openPanel();
    };
    const doms = [editor.view.dom, ...(frenchShown ? [frenchShown.view.dom] : [])];
    for (const dom of doms) dom.addEventListener("click", onClick);
    return () => doms.forEach((dom) => dom.removeEventListener("click", onClick));
  }, [editor, frenchShown, openPanel]);

  // The interface language changed while the editor stayed open: redraw the heading hints.
  useEffect(() => {
    if (editor) editor.view.dispatch(editor.state.tr.setMeta(REFRESH_HEADING_PLACEHOLDER, true));
  }, [editor, hints.clauseHeading]);

  // Flags appear once the library is loaded.
  useEffect(() => {
    if (editor && sources.loaded) editor.view.dispatch(editor.state.tr.setMeta(REFRESH_CITATION_STATUS, true));
  }, [editor, sources.loaded]);

  // ?clause=<id> (reverse links from the Sources page) scrolls to that article once.
  const wantedClause = params.get("clause");
  useEffect(() => {
    if (!editor || !wantedClause || !showsEnglish) return;
    let target = -1;
    editor.state.doc.forEach((node, pos) => {
      if (node.type.name === NODE.clause && node.attrs.clauseId === wantedClause) target = pos;
    });
    if (target < 0) return;
    editor.chain().focus().setTextSelection(target + 2).setMeta(HIGHLIGHT_CLAUSE, wantedClause).scrollIntoView().run();
  }, [editor, wantedClause, showsEnglish]);

  const [peers, setPeers] = useState<Peer[]>([]);

  // Outline and "which clause am I in" follow the document and the selection. The outline is
  // rebuilt after each change (cheap: entries are cached per node) but set, and so rendered,
  // only when an entry changed: typing in an article's text re-renders nothing here.
  useEffect(() => {
    if (!editor) return;
    let current: OutlineEntry[] = [];
    const refresh = () => {
      const next = buildOutline(editor.state.doc);
      if (sameOutline(current, next)) return;
      current = next;
      setOutline(next);
    };
    const publishClause = () => publishWhere(provider, editor, "en");
    refresh();
    editor.on("update", refresh);
    editor.on("selectionUpdate", publishClause);
    return () => {
      editor.off("update", refresh);
      editor.off("selectionUpdate", publishClause);
    };
  }, [editor, provider]);

  // The French editor says where its person is too: both texts share the article ids.
  useEffect(() => {
    if (!frenchEditor) return;
    const publishClause = () => publishWhere(provider, frenchEditor, "fr");
    frenchEditor.on("selectionUpdate", publishClause);
    return () => {
      frenchEditor.off("selectionUpdate", publishClause);
    };
  }, [frenchEditor, provider]);

  useEffect(() => {
    // Awareness changes with every remote caret move; the list only when someone comes, goes or
    // changes article.
    const read = () => {
      const next = [...provider.awareness.getStates().entries()]
        .filter(([, s]) => s.user)
        .map(([clientId, s]) => ({
          clientId,
          name: String(s.user.name ?? "?"),
          delegation: String(s.user.delegation ?? ""),
          color: String(s.user.color ?? "#888"),
          clauseId: (s.clauseId as string | null) ?? null,
          lang: isTextLang(s.lang) ? s.lang : null,
        }));
      setPeers((previous) => (samePeers(previous, next) ? previous : next));
    };
    read();
    provider.awareness.on("change", read);
    return () => provider.awareness.off("change", read);
  }, [provider]);

  const articles = useMemo(() => outline.filter((e) => e.kind === "clause").map((e) => ({ id: e.id, number: e.number! })), [outline]);

  if (!editor) return <p role="status">{t("loading")}</p>;
  return (
    <div className="editor-layout" data-outline={panels.outlineOpen ? "open" : "closed"} data-panel={panels.panelOpen ? "open" : "closed"}>
      <aside className="outline" id="editor-outline" aria-label={t("outline")} hidden={!panels.outlineOpen}>
        <h2>{t("present")}</h2>
        <ul className="avatars" data-testid="presence">
          {peers.map((p) => (
            <li key={p.clientId} title={p.delegation ? `${p.name} · ${p.delegation}` : p.name} style={{ backgroundColor: p.color, color: textColorOn(p.color) }}>
              {initials(p.name)}
              <span className="sr-only">{p.name}</span>
            </li>
          ))}
        </ul>
        <h2>{t("outline")}</h2>
        <Outline editor={showsEnglish || !frenchShown ? editor : frenchShown} entries={outline} peers={peers} ownClientId={provider.doc.clientID} panels={panels} alignment={alignment.byClause} />
        {alignment.entries && <AlignmentSummary draftId={draftId} entries={alignment.entries} />}
      </aside>
      <div className="editor-main">
        <div className="editor-bar">
          <TextViewSwitch view={textView.chosen} onChange={textView.choose} />
          {canEdit && <Toolbar key={activeEditor === editor ? "en" : "fr"} editor={activeEditor ?? editor} onProposeArticle={amendmentAbilities.propose ? () => propose(true) : undefined} />}
          {amendmentAbilities.propose && (
            <button
              type="button"
              className="propose-button"
              data-testid="propose-amendment"
              onMouseDown={(e) => e.preventDefault()} // keep the editor's selection
              onClick={() => propose(false)}
            >
              {tAmend("propose")}
            </button>
          )}
          <BracketTools editor={editor} draftId={draftId} provider={provider} canBracket={canBracket && activeLang === "en"} lang="en" />
          {frenchShown && <BracketTools editor={frenchShown} draftId={draftId} provider={provider} canBracket={canBracket && activeLang === "fr"} lang="fr" />}
          {proposeHint && <span role="status" className="hint">{tAmend("noArticle")}</span>}
          <PanelToggles panels={panels} />
        </div>
        <div className="amendment-bar">
          <AmendmentViewToggle view={amendmentView} onChange={setAmendmentView} />
          <ConsideredAmendment amendments={amendments} />
        </div>
        {textView.narrowFallback && (
          <p className="notice" role="status" data-testid="narrow-notice">
            {tBilingual(textView.shown === "fr" ? "narrowFallback.fr" : "narrowFallback.en")}
          </p>
        )}
        <div className="text-columns" data-view={textView.shown} data-testid="text-columns">
          <div className="text-column" lang="en" hidden={!showsEnglish}>
            {textView.shown === "both" && <h2 className="text-column-title">{tBilingual("englishColumn")}</h2>}
            <EditorContent editor={editor} className="charter charter-en" data-testid="charter-editor" />
          </div>
          {showsFrench && (
            <ArticleGutter
              rows={gutterRows}
              gutterRef={gutterRef}
              renderSlot={(clauseId) => {
                const entry = alignment.byClause.get(clauseId);
                if (!entry) return null;
                const confirmable = canEdit && (entry.status === "fr_outdated" || entry.status === "en_outdated");
                return (
                  <>
                    <AlignmentFlag status={entry.status} withText />
                    {confirmable && <AlignmentConfirm draftId={draftId} clauseId={clauseId} number={entry.number} onConfirmed={() => alignment.reload()} />}
                  </>
                );
              }}
            />
          )}
          {showsFrench && (
            <div className="text-column" lang="fr">
              {textView.shown === "both" && <h2 className="text-column-title">{tBilingual("frenchColumn")}</h2>}
              {frenchReady ? (
                <FrenchEditor setup={textSetup} canEdit={canEdit} hintKey={hints.clauseHeading} sourcesLoaded={sources.loaded} onEditor={setFrenchEditor} onFocus={focusFrench} />
              ) : (
                <p role="status">{tBilingual("loadingFrench")}</p>
              )}
            </div>
          )}
        </div>
        {/* Each text's citations show their source (the French text cites as the English one does). */}
        {[editor, frenchShown].map((textEditor) =>
          textEditor ? (
            <CitationPopover
              key={textEditor === editor ? "en" : "fr"}
              editor={textEditor}
              lookup={(id) => sources.byId.get(id)}
              onOpenSource={(id) => {
                setFocusedSource(id);
                setSideTab("sources");
                openPanel();
              }}
            />
          ) : null,
        )}
        {proposing && (
          <ProposeDialog
            target={proposing}
            ownDelegation={amendmentAbilities.delegation}
            sources={sources.items}
            send={proposalQueue.send}
            focusText={() => (activeEditor ?? editor).commands.focus()}
            onClose={(outcome) => {
              setProposing(null);
              if (outcome) {
                setSideTab("amendments");
                openPanel();
              }
            }}
          />
        )}
      </div>
      <div className="side-panel" id="editor-side-panel" hidden={!panels.panelOpen}>
        <div className="side-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={sideTab === "sources"} onClick={() => setSideTab("sources")}>{tComments("sourcesTab")}</button>
          <button type="button" role="tab" aria-selected={sideTab === "comments"} onClick={() => setSideTab("comments")}>
            {tComments("tab")} ({threads.filter((th) => th.status !== "resolved").length})
          </button>
          <button type="button" role="tab" aria-selected={sideTab === "amendments"} data-testid="amendments-tab" onClick={() => setSideTab("amendments")}>
            {tAmend("tab")} ({amendments.length + proposalQueue.entries.length})
          </button>
        </div>
        {sideTab === "amendments" ? (
          <AmendmentsPanel editor={activeEditor ?? editor} articles={articles} amendments={amendments} reload={reloadAmendments} can={amendmentAbilities} queue={proposalQueue} lang={activeLang} />
        ) : sideTab === "sources" ? (
          // Cites into the text the cursor is in (the French text carries its article's citations too).
          <SourcesPanel editor={activeEditor ?? editor} items={sources.items} canEdit={canEdit} focusedId={focusedSource} onFocus={setFocusedSource} />
        ) : (
          <CommentsPanel editor={activeEditor ?? editor} articles={articles} draftId={draftId} threads={threads} reload={reloadThreads} can={commentAbilities} activeId={activeThread} onActivate={setActiveThread} lang={activeLang} />
        )}
      </div>
    </div>
  );
}


/** The outline's list; memoised, so re-renders of the editor screen leave its entries alone. */
const Outline = memo(function Outline({ editor, entries, peers, ownClientId, panels, alignment }: { editor: Editor; entries: OutlineEntry[]; peers: Peer[]; ownClientId: number; panels: SidePanels; alignment: ReadonlyMap<string, AlignmentEntry> }) {
  const t = useTranslations("editor");
  // English is the text everyone had before issue 13: only the French text is named.
  const tBilingual = useTranslations("bilingual");
  return (
    <ol className="outline-list" data-testid="outline">
      {entries.map((entry) => {
        const here = peers.filter((p) => entry.kind === "clause" && p.clauseId === entry.id && p.clientId !== ownClientId);
        return (
          <li key={`${entry.kind}-${entry.id}`} className={`outline-${entry.kind}`}>
            <button type="button" className="link-button" onClick={() => {
                const at = textStartOf(editor.state.doc, entry);
                if (at !== null) editor.chain().focus().setTextSelection(at).scrollIntoView().run();
                panels.closeDrawers();
              }}>
              {entry.kind === "clause" ? `${t("article", { number: entry.number! })} — ${entry.label || t("untitled")}` : entry.label || "…"}
            </button>
            {entry.kind === "clause" && alignment.get(entry.id) && <AlignmentFlag status={alignment.get(entry.id)!.status} />}
            {here.length > 0 && (
              <span className="outline-peers" style={{ color: here[0].color }}>
                {t("editingHere", { names: here.map((p) => (p.lang === "fr" ? tBilingual("inFrench", { name: p.name }) : p.name)).join(", ") })}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
});

function samePeers(a: Peer[], b: Peer[]): boolean {
  return a.length === b.length && a.every((p, i) => p.clientId === b[i].clientId && p.name === b[i].name && p.delegation === b[i].delegation && p.color === b[i].color && p.clauseId === b[i].clauseId && p.lang === b[i].lang);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

/** Tells the others which article, and in which text, this person's cursor is (one awareness update). */
function publishWhere(provider: WebsocketProvider, editor: Editor, lang: TextLang) {
  const here = currentTopLevel(editor.state);
  const clauseId = here?.node.type.name === NODE.clause ? (here.node.attrs.clauseId as string) : null;
  const current = provider.awareness.getLocalState();
  if (current?.clauseId !== clauseId || current?.lang !== lang) provider.awareness.setLocalState({ ...current, clauseId, lang });
}
