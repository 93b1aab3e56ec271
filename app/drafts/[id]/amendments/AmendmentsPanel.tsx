"use client";
// The side panel's "Amendments" tab: the amendments of the article under the cursor (or all of
// them, by article), live for everyone (useAmendments), with what this person may do: submit or
// withdraw their own, join another delegation's as co-sponsor. Proposals waiting on this device
// for a connection, or refused after waiting, are listed first, never dropped silently.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useEditorState, type Editor } from "@tiptap/react";
import { NODE } from "@/lib/editor/schema";
import { currentTopLevel } from "@/lib/editor/commands";
import { callJson, postJson } from "../../../_components/api";
import { inEditorText, rangeOfAnchor } from "../comment-anchors";
import { TextLangTag } from "../TextLangTag";
import type { TextLang } from "@/lib/editor/languages";
import type { Amendment } from "./useAmendments";
import type { ProposalQueueState } from "./useProposalQueue";

export interface AmendmentAbilities {
  userId: string;
  /** Members, chair and secretariat. */
  propose: boolean;
  /** A member speaking for a delegation (never the sponsor's own, checked per amendment). */
  cosponsor: boolean;
  delegation: string;
}

// UNDECIDED_STATUSES of lib/contracts/amendments.ts, repeated: this page imports contracts as types only.
const UNDECIDED = ["draft", "submitted", "under_consideration", "deferred"];

export function AmendmentsPanel({
  editor,
  articles,
  amendments,
  reload,
  can,
  queue,
  lang = "en",
}: {
  editor: Editor;
  /** The text the editor shows: amendments of the other text are listed, tagged, not located in it. */
  lang?: TextLang;
  articles: { id: string; number: number }[];
  amendments: Amendment[];
  reload: () => Promise<void>;
  can: AmendmentAbilities;
  queue: ProposalQueueState;
}) {
  const t = useTranslations("amendments");
  const [scope, setScope] = useState<"article" | "all">("article");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const here = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const top = currentTopLevel(e.state);
      return top?.node.type.name === NODE.clause ? String(top.node.attrs.clauseId) : null;
    },
  });
  const numberOf = new Map(articles.map((a) => [a.id, a.number]));
  const hereNumber = here ? numberOf.get(here) : undefined;
  const shown = scope === "article" ? amendments.filter((a) => a.clauseId === here) : amendments;
  // By article, in the text's order (amendments on an article that is gone come last).
  const groups = [...new Set(shown.map((a) => a.clauseId))]
    .sort((a, b) => (numberOf.get(a) ?? Infinity) - (numberOf.get(b) ?? Infinity))
    .map((clauseId) => ({ clauseId, items: shown.filter((a) => a.clauseId === clauseId) }));

  const act = async (id: string, request: () => ReturnType<typeof callJson>) => {
    setBusy(id);
    setError(null);
    const result = await request();
    setBusy(null);
    if (!result.ok) setError(result.message);
    await reload();
  };

  const select = (a: Amendment) => {
    if (!inEditorText(a, lang)) return; // its passage is in the other text
    const range = a.anchor ? rangeOfAnchor(editor, a.anchor, a.clauseId) : articleText(editor, a.clauseId);
    if (range) editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  };

  const articleName = (clauseId: string) => {
    const n = numberOf.get(clauseId);
    return n ? t("article", { number: n }) : t("articleGone");
  };

  return (
    <aside className="amendments-panel" aria-label={t("panel")} data-testid="amendments-panel">
      <h2>{t("panel")}</h2>
      <div role="group" aria-label={t("show")} className="amendments-scope">
        <button type="button" aria-pressed={scope === "article"} onClick={() => setScope("article")}>
          {hereNumber ? t("thisArticle", { number: hereNumber }) : t("currentArticle")}
        </button>
        <button type="button" aria-pressed={scope === "all"} onClick={() => setScope("all")}>{t("allArticles")}</button>
      </div>
      <p role="status" className="amendments-news" data-testid="amendments-news">
        {queue.news && [
          queue.news.queued ? t("queuedNotice") : "",
          ...queue.news.sent.map((s) => (s.number ? t("queuedSent", { number: s.number }) : t("queuedSaved"))),
          queue.news.refused ? t("queuedRefused", { count: queue.news.refused }) : "",
        ].filter(Boolean).join(" ")}
      </p>
      {queue.entries.length > 0 && (
        <section aria-labelledby="amendments-queued-title" data-testid="amendments-queue">
          <h3 id="amendments-queued-title">{t("queuedTitle")}</h3>
          <ul className="amendment-list">
            {queue.entries.map((e) => (
              <li key={e.id} className={`amendment amendment-${e.state}`} data-testid="queued-proposal" data-state={e.state}>
                <p>
                  <strong>{e.body.op}</strong> · {articleName(e.body.clauseId)}
                </p>
                <p>{e.state === "queued" ? t("queuedWaiting") : t("queuedRefusedOne", { error: e.error?.message ?? "" })}</p>
                {e.body.anchor?.exact && <blockquote className="proposal-quote">{e.body.anchor.exact}</blockquote>}
                {e.body.proposedText && <p className="amendment-proposed">{e.body.proposedText}</p>}
                <p className="amendment-rationale">{e.body.rationale}</p>
                {e.state === "refused" && (
                  <div className="thread-actions">
                    <button type="button" onClick={() => queue.retry(e.id)}>{t("tryAgain")}</button>
                    <button type="button" onClick={() => queue.discard(e.id)}>{t("discard")}</button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p role="alert" className="error">{error}</p>
      {groups.length === 0 && <p className="muted">{scope === "article" ? t("noneHere") : t("none")}</p>}
      {groups.map((g) => (
        <section key={g.clauseId} aria-label={articleName(g.clauseId)}>
          {scope === "all" && <h3>{articleName(g.clauseId)}</h3>}
          <ul className="amendment-list">
            {g.items.map((a) => {
              const own = a.sponsor.id === can.userId;
              const undecided = UNDECIDED.includes(a.status);
              const canJoin =
                can.cosponsor && !own && a.status !== "draft" && undecided && a.sponsor.delegation !== can.delegation && !a.cosponsors.some((c) => c.delegation === can.delegation);
              return (
                <li key={a.id} className={`amendment amendment-${a.status}`} data-testid="amendment" data-number={a.number ?? "draft"}>
                  <button type="button" className="link-button amendment-title" onClick={() => select(a)}>
                    <TextLangTag lang={a.lang} /> <strong>{a.number ?? t("privateDraft")}</strong> · {t(`op.${a.op}`)} · {t(`types.${a.type}`)}
                    {a.op === "ADD" && a.position ? ` · ${t(`positions.${a.position}.short`)}` : ""}
                  </button>
                  <p>
                    <span className="amendment-status" data-status={a.status}>{t(`status.${a.status}`)}</span>
                    {a.outdated && <span className="amendment-outdated"> · {t("outdated")}</span>}
                  </p>
                  <p className="amendment-sponsor">
                    {t("sponsoredBy", { delegation: a.sponsor.delegation, name: a.sponsor.name })}
                    {a.cosponsors.length > 0 && <> · {t("cosponsoredBy", { delegations: a.cosponsors.map((c) => c.delegation).join(", ") })}</>}
                  </p>
                  {a.quote && <blockquote className="proposal-quote">{a.quote}</blockquote>}
                  {a.proposedText && (
                    <p className="amendment-proposed">
                      <span className="sr-only">{t("proposedText")}: </span>
                      {a.proposedText}
                    </p>
                  )}
                  <p className="amendment-rationale">
                    <span className="field-label">{t("rationale")}:</span> {a.rationale}
                  </p>
                  {a.sources.length > 0 && <p className="muted">{a.sources.map((s) => s.key).join(", ")}</p>}
                  <div className="thread-actions">
                    {own && a.status === "draft" && (
                      <button type="button" disabled={busy === a.id} onClick={() => void act(a.id, () => callJson(`/api/amendments/${a.id}`, { method: "PATCH", body: { status: "submitted" } }))}>
                        {t("submit")}
                      </button>
                    )}
                    {own && undecided && (
                      <button type="button" disabled={busy === a.id} onClick={() => void act(a.id, () => callJson(`/api/amendments/${a.id}`, { method: "PATCH", body: { status: "withdrawn" } }))}>
                        {t("withdraw")}
                      </button>
                    )}
                    {canJoin && (
                      <button type="button" disabled={busy === a.id} onClick={() => void act(a.id, () => postJson(`/api/amendments/${a.id}/cosponsors`, {}))}>
                        {t("cosponsor", { delegation: can.delegation })}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </aside>
  );
}

/** The text of a whole article (its heading and body), for amendments without a passage. */
function articleText(editor: Editor, clauseId: string): { from: number; to: number } | null {
  let range: { from: number; to: number } | null = null;
  editor.state.doc.forEach((node, pos) => {
    if (!range && node.type.name === NODE.clause && node.attrs.clauseId === clauseId) range = { from: pos + 2, to: pos + node.nodeSize - 2 };
  });
  return range;
}
