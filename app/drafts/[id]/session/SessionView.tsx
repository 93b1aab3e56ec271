"use client";
// The session view. The chair (or secretariat) steps through the open amendments in article
// order (J/K or the agenda); stepping to one takes it up (PATCH under_consideration), so every
// other screen shows it as "now considering"; A, M, N, D decide. Everyone else gets the agenda
// and what is under consideration, read-only. Both follow the server's "amendments" revision.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { amendmentSchema, type Amendment, type AmendmentStatus } from "@/lib/contracts/amendments";
import { clauseListSchema } from "@/lib/contracts/drafts";
import { callJson, type ApiResult } from "../../../_components/api";
import { useAmendments } from "../amendments/useAmendments";
import { articleOf, delegationsOf, inSessionOrder, type ArticleRef } from "../amendments/order";
import { useDraftSignals } from "./useDraftSignals";

type Decision = Extract<AmendmentStatus, "accepted" | "accepted_modified" | "not_accepted" | "deferred">;

/** The keys of the session, as listed on screen. */
const SHORTCUTS = [
  ["J", "next"],
  ["K", "previous"],
  ["A", "accept"],
  ["M", "modify"],
  ["N", "decline"],
  ["D", "defer"],
] as const;

/** Shortcuts never fire while someone types. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

const readingKey = (draftId: string) => `charter-session-reading:${draftId}`;

export function SessionView({ draftId, initialArticles, chairs }: { draftId: string; initialArticles: ArticleRef[]; chairs: boolean }) {
  const t = useTranslations("session");
  const tR = useTranslations("register");
  const { provider, state } = useDraftSignals(draftId);
  const { amendments, reload } = useAmendments(draftId, provider);
  const [articles, setArticles] = useState(initialArticles);

  // A decision may change the text (and so the order inside an article): re-read the articles
  // whenever the amendments change.
  useEffect(() => {
    let stale = false;
    void callJson(`/api/drafts/${draftId}/clauses`, { response: clauseListSchema }).then((result) => {
      if (!stale && result.ok) setArticles(result.data.map((c) => ({ clauseId: c.clauseId, number: c.number, heading: c.heading, text: c.text })));
    });
    return () => {
      stale = true;
    };
  }, [draftId, amendments]);

  const open = useMemo(() => inSessionOrder(amendments, articles), [amendments, articles]);
  const considered = open.filter((a) => a.status === "under_consideration");

  const live = <p className={`session-live live-${state}`} data-testid="session-live" data-state={state}>{t(`live.${state}`)}</p>;
  const agendaList = (onPick?: (a: Amendment) => void, inView?: string) => (
    <section className="session-agenda" aria-labelledby="agenda-title">
      <h3 id="agenda-title">{t("agenda", { count: open.length })}</h3>
      {open.length === 0 ? (
        <p className="empty">{t("none")}</p>
      ) : (
        <ol>
          {open.map((a) => {
            const label = `${a.number} · ${articleLabel(a)} · ${delegationsOf(a).join(" + ")}`;
            return (
              <li key={a.id} data-testid="agenda-item" data-number={a.number ?? ""} aria-current={a.id === inView ? "true" : undefined}>
                {onPick ? <button type="button" className="link-button" onClick={() => onPick(a)}>{label}</button> : <span>{label}</span>}{" "}
                <span className={`amendment-status status-${a.status}`}>{tR(`status.${a.status}`)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
  function articleLabel(a: Amendment) {
    const article = articleOf(articles, a.clauseId);
    return article ? t("byArticle", { number: article.number, heading: article.heading ? ` — ${article.heading}` : "" }) : t("removedArticle");
  }

  if (!chairs) {
    return (
      <div className="session-follow">
        <h2>{t("nowConsidering")}</h2>
        <p className="muted">{t("viewerIntro")}</p>
        {live}
        <div data-testid="now-considering" aria-live="polite">
          {considered.length === 0 ? (
            <p className="empty">{t("nothingConsidered")}</p>
          ) : (
            considered.map((a) => <AmendmentCard key={a.id} a={a} article={articleLabel(a)} testId="considered-amendment" />)
          )}
        </div>
        {agendaList()}
      </div>
    );
  }
  return <ChairSession draftId={draftId} open={open} reload={reload} live={live} agendaList={agendaList} articleLabel={articleLabel} />;
}

function ChairSession({
  draftId,
  open,
  reload,
  live,
  agendaList,
  articleLabel,
}: {
  draftId: string;
  open: Amendment[];
  reload: () => Promise<void>;
  live: React.ReactNode;
  agendaList: (onPick: (a: Amendment) => void, inView?: string) => React.ReactNode;
  articleLabel: (a: Amendment) => string;
}) {
  const t = useTranslations("session");
  const tR = useTranslations("register");
  const [chosenId, setChosenId] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const [observation, setObservation] = useState("");
  const [reading, setReading] = useState("");
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [modified, setModified] = useState<string | null>(null);
  const [composing, setComposing] = useState(false);
  const [busy, setBusy] = useState(false);

  // The amendment in view: the one chosen; when it has left the list (decided), the one now at
  // its place; at first, the one under consideration.
  const chosen = open.find((a) => a.id === chosenId);
  const current = chosen ?? (chosenId === null ? open.find((a) => a.status === "under_consideration") : undefined) ?? open[Math.min(lastIndex.current, open.length - 1)];
  const index = current ? open.indexOf(current) : -1;
  useEffect(() => {
    if (index >= 0) lastIndex.current = index;
  }, [index]);

  // The reading stays the same for a whole sitting: remembered in this tab.
  useEffect(() => {
    setReading(sessionStorage.getItem(readingKey(draftId)) ?? "");
  }, [draftId]);
  const changeReading = (value: string) => {
    setReading(value);
    sessionStorage.setItem(readingKey(draftId), value);
  };

  const show = useCallback(
    (result: ApiResult<unknown>, success: string) => {
      if (result.ok) return setMessage({ kind: "info", text: success });
      const text = result.code === "outdated" ? t("errors.outdated") : result.status === 403 ? t("errors.forbidden") : result.message;
      setMessage({ kind: "error", text });
    },
    [t],
  );

  const patch = (a: Amendment, body: Record<string, string>) =>
    callJson(`/api/amendments/${a.id}`, { method: "PATCH", body, response: amendmentSchema });

  const takeUp = async (a: Amendment) => {
    if (a.status === "under_consideration") return;
    const result = await patch(a, { status: "under_consideration" });
    show(result, t("takenUp", { number: a.number ?? "" }));
    if (result.ok) await reload();
  };

  /** Brings an amendment into view and takes it up (again, when it was not yet). */
  const goTo = (a: Amendment | undefined) => {
    if (!a) return;
    if (a.id !== current?.id) {
      setChosenId(a.id);
      setObservation("");
      setModified(null);
      setComposing(false);
      setMessage(null);
    }
    void takeUp(a);
  };

  const decide = async (status: Decision, modifiedText?: string) => {
    if (!current || busy) return;
    const body: Record<string, string> = { status };
    if (observation.trim()) body.observation = observation.trim();
    if (reading.trim()) body.reading = reading.trim();
    if (modifiedText !== undefined) body.modifiedText = modifiedText;
    setBusy(true);
    const result = await patch(current, body);
    setBusy(false);
    show(result, t("decided", { number: current.number ?? "", status: tR(`status.${status}`) }));
    if (result.ok) {
      setObservation("");
      setModified(null);
      await reload();
    }
  };

  const startModified = () => {
    if (current) setModified(current.proposedText);
  };

  // One listener for the page's lifetime; it calls the latest handlers.
  const keys = useRef<(e: KeyboardEvent) => void>(() => {});
  keys.current = (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    const act: Record<string, () => void> = {
      j: () => goTo(open[index + 1]),
      k: () => goTo(open[index - 1]),
      a: () => {
        if (current?.outdated) setMessage({ kind: "error", text: t("errors.outdated") });
        else void decide("accepted");
      },
      m: startModified,
      n: () => void decide("not_accepted"),
      d: () => void decide("deferred"),
    };
    const run = act[e.key.toLowerCase()];
    if (!run) return;
    e.preventDefault();
    run();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="session-chair">
      <h2>{t("title")}</h2>
      <p className="muted">{t("chairIntro")}</p>
      {live}
      <div className="session-layout">
        <div className="session-main">
          {current ? (
            <>
              <p className="session-position" data-testid="session-position">{t("position", { index: index + 1, total: open.length })}</p>
              <AmendmentCard a={current} article={articleLabel(current)} testId="session-current" />
              <div className="session-fields">
                <label>
                  {t("observation")}
                  <textarea value={observation} onChange={(e) => setObservation(e.target.value)} rows={2} />
                </label>
                <label>
                  {t("reading")}
                  <input value={reading} onChange={(e) => changeReading(e.target.value)} aria-describedby="reading-hint" />
                </label>
                <p id="reading-hint" className="hint">{t("readingHint")}</p>
              </div>
              {modified !== null && (
                <form
                  className="session-modified"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void decide("accepted_modified", modified);
                  }}
                >
                  <label>
                    {t("modifiedText")}
                    <textarea value={modified} onChange={(e) => setModified(e.target.value)} rows={4} autoFocus />
                  </label>
                  <div className="session-buttons">
                    <button type="submit" disabled={busy || !modified.trim()}>{t("confirmModified")}</button>
                    <button type="button" onClick={() => setModified(null)}>{t("cancel")}</button>
                  </div>
                </form>
              )}
              <div className="session-buttons" role="group" aria-label={t("title")}>
                <button type="button" onClick={() => goTo(open[index - 1])} disabled={index <= 0} aria-keyshortcuts="K">{t("previous")}</button>
                <button type="button" onClick={() => goTo(open[index + 1])} disabled={index >= open.length - 1} aria-keyshortcuts="J">{t("next")}</button>
                {current.status !== "under_consideration" && (
                  <button type="button" onClick={() => void takeUp(current)}>{t("consider")}</button>
                )}
                <button type="button" className="primary" onClick={() => void decide("accepted")} disabled={busy || current.outdated} aria-keyshortcuts="A" aria-describedby={current.outdated ? `outdated-${current.id}` : undefined}>
                  {t("accept")}
                </button>
                <button type="button" onClick={startModified} disabled={busy} aria-keyshortcuts="M">{t("modify")}</button>
                <button type="button" onClick={() => void decide("not_accepted")} disabled={busy} aria-keyshortcuts="N">{t("decline")}</button>
                <button type="button" onClick={() => void decide("deferred")} disabled={busy} aria-keyshortcuts="D">{t("defer")}</button>
                <button type="button" onClick={() => setComposing((c) => !c)} aria-expanded={composing}>{t("compromise")}</button>
              </div>
              {composing && (
                <Compromise
                  draftId={draftId}
                  current={current}
                  candidates={open.filter((a) => a.clauseId === current.clauseId)}
                  onDone={async (created, result) => {
                    show(result, created ? t("submitted", { number: created.number ?? "" }) : "");
                    if (created) {
                      setComposing(false);
                      setChosenId(created.id);
                      await reload();
                    }
                  }}
                />
              )}
            </>
          ) : (
            <p className="empty">{t("none")}</p>
          )}
          <div className="session-message" role={message?.kind === "error" ? "alert" : "status"} data-testid={message?.kind === "error" ? "session-error" : "session-info"}>
            {message?.text}
          </div>
        </div>
        <aside className="session-side">
          {agendaList(goTo, current?.id)}
          <section className="session-shortcuts" data-testid="shortcuts" aria-labelledby="shortcuts-title">
            <h3 id="shortcuts-title">{t("shortcuts")}</h3>
            <dl>
              {SHORTCUTS.map(([key, what]) => (
                <div key={key}>
                  <dt><kbd>{key}</kbd></dt>
                  <dd>{t(`keys.${what}`)}</dd>
                </div>
              ))}
            </dl>
            <p className="hint">{t("shortcutsNote")}</p>
          </section>
        </aside>
      </div>
    </div>
  );
}

/** One amendment: who, where, and the texts side by side (three when the text moved on). */
function AmendmentCard({ a, article, testId }: { a: Amendment; article: string; testId: string }) {
  const t = useTranslations("session");
  const tR = useTranslations("register");
  const proposed = a.op === "SUP" ? t("deleted") : a.op === "NOC" ? t("noChange") : a.proposedText;
  return (
    <article className="session-card" data-testid={testId} data-number={a.number ?? ""} aria-label={`${a.number} · ${article}`}>
      <header>
        <strong>{a.number}</strong> · {delegationsOf(a).join(" + ")} · {article} · <abbr title={tR(`ops.${a.op}`)}>{a.op}</abbr> ·{" "}
        <abbr title={tR(`types.${a.type}`)}>{a.type}</abbr> · <span className={`amendment-status status-${a.status}`}>{tR(`status.${a.status}`)}</span>
      </header>
      {a.outdated && <p className="notice warn" id={`outdated-${a.id}`}>{t("outdated")}</p>}
      <div className={`session-texts${a.outdated ? " three" : ""}`}>
        <div data-testid="pane-base">
          <h4>{t("base")}</h4>
          <p>{a.base || (a.op === "ADD" ? t("nothing") : t("wholeArticle"))}</p>
        </div>
        <div data-testid="pane-proposed">
          <h4>{t("proposed")}</h4>
          <p>{proposed}</p>
        </div>
        {a.outdated && (
          <div data-testid="pane-current">
            <h4>{t("current")}</h4>
            <p>{a.current || t("nothing")}</p>
          </div>
        )}
      </div>
      <p className="session-reasons"><strong>{t("reasons")}:</strong> {a.rationale}</p>
    </article>
  );
}

/**
 * A compromise: the chair's own amendment on the same article, replacing the passage of the one
 * in view, that supersedes the amendments ticked (those of its group to begin with).
 */
function Compromise({
  draftId,
  current,
  candidates,
  onDone,
}: {
  draftId: string;
  current: Amendment;
  candidates: Amendment[];
  onDone: (created: Amendment | null, result: ApiResult<Amendment>) => Promise<void>;
}) {
  const t = useTranslations("session");
  const [selected, setSelected] = useState<Set<string>>(
    () => new Set(candidates.filter((a) => a.id === current.id || (current.group !== null && a.group === current.group)).map((a) => a.id)),
  );
  const [text, setText] = useState(current.proposedText);
  const [reasons, setReasons] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const numbers = candidates.filter((a) => selected.has(a.id)).map((a) => a.number).join(", ");

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (selected.size === 0) return setProblem(t("compromiseNeedsOne"));
    // An outdated amendment's passage reads differently now: the compromise quotes it as it is.
    if (current.outdated && current.anchor && current.current === "") return setProblem(t("compromiseGone"));
    const anchor = current.anchor && current.outdated ? { ...current.anchor, exact: current.current } : current.anchor;
    setBusy(true);
    const result = await callJson(`/api/drafts/${draftId}/amendments`, {
      method: "POST",
      response: amendmentSchema,
      body: {
        clauseId: current.clauseId,
        op: "MOD",
        ...(anchor ? { anchor } : {}),
        proposedText: text,
        rationale: reasons.trim() || t("compromiseDefault", { numbers }),
        submit: true,
        supersedes: [...selected],
      },
    });
    setBusy(false);
    await onDone(result.ok ? result.data : null, result);
  };

  return (
    <form className="session-compromise" data-testid="compromise" onSubmit={submit}>
      <fieldset>
        <legend>{t("supersedes")}</legend>
        {candidates.map((a) => (
          <label key={a.id} className="check">
            <input
              type="checkbox"
              checked={selected.has(a.id)}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(a.id);
                else next.delete(a.id);
                setSelected(next);
                setProblem(null);
              }}
            />
            {a.number} · {delegationsOf(a).join(" + ")}
          </label>
        ))}
      </fieldset>
      <label>
        {t("compromiseText")}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} required />
      </label>
      <label>
        {t("compromiseReasons")}
        <textarea value={reasons} onChange={(e) => setReasons(e.target.value)} rows={2} placeholder={t("compromiseDefault", { numbers })} />
      </label>
      {problem && <p role="alert" className="warn">{problem}</p>}
      <button type="submit" disabled={busy || !text.trim()}>{t("submitCompromise")}</button>
    </form>
  );
}
