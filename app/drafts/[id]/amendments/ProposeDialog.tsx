"use client";
// "Propose amendment": a modal dialog with its own editor (the Charter's schema and extensions,
// no collaboration: the proposal is a record, the shared text changes only when the chair
// accepts it), pre-filled with the selected passage or article. Keyboard: the browser's modal
// dialog keeps focus inside, Escape cancels, focus goes back where it came from.
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { EditorContent, useEditor } from "@tiptap/react";
import { charterExtensions } from "@/lib/editor/extensions";
import type { SourceItem } from "../useSources";
import { callJson } from "../../../_components/api";
import type { Member } from "@/lib/contracts/members"; // type only: no zod on the editor page
import { plainTextOf, type ProposalTarget } from "./proposal-target";
import type { ProposalBody } from "./proposal-queue";
import type { SendOutcome } from "./useProposalQueue";
import { TextLangTag } from "../TextLangTag";

const OPS = ["MOD", "ADD", "SUP", "NOC"] as const;
const TYPES = ["te", "ge", "ed"] as const;
type Op = (typeof OPS)[number];

/** Other delegations that can be named as co-sponsors (active members' delegations). */
function useDelegations(own: string): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void callJson<Member[]>("/api/members").then((r) => {
      if (!live || !r.ok) return;
      const all = new Set(r.data.filter((m) => m.active && m.delegation && m.delegation !== own).map((m) => m.delegation));
      setNames([...all].sort((a, b) => a.localeCompare(b)));
    });
    return () => {
      live = false;
    };
  }, [own]);
  return names;
}

export function ProposeDialog({
  target,
  ownDelegation,
  sources,
  send,
  focusText,
  onClose,
}: {
  target: ProposalTarget;
  ownDelegation: string;
  sources: SourceItem[];
  send: (body: ProposalBody) => Promise<SendOutcome>;
  /** Where focus goes when the opener is gone (the article menu closes on Escape). */
  focusText: () => void;
  onClose: (outcome: SendOutcome | null) => void;
}) {
  const t = useTranslations("amendments");
  const tLang = useTranslations("textLanguage");
  const dialog = useRef<HTMLDialogElement>(null);
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [op, setOp] = useState<Op>("MOD");
  const [position, setPosition] = useState<"before" | "after">("after");
  const [type, setType] = useState<(typeof TYPES)[number]>("te");
  const [rationale, setRationale] = useState("");
  const [cosponsors, setCosponsors] = useState<string[]>([]);
  const [sourceKeys, setSourceKeys] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const delegations = useDelegations(ownDelegation);
  const keys = useMemo(() => new Map(sources.map((s) => [s.key.toLowerCase(), s])), [sources]);
  const scope = target.anchor ? "passage" : "article";

  const inner = useEditor({
    immediatelyRender: false,
    extensions: charterExtensions(),
    content: target.startDoc,
    editorProps: { attributes: { role: "textbox", "aria-multiline": "true", "aria-labelledby": "proposal-text-label", "data-testid": "proposal-editor" } },
  });
  const startText = useMemo(() => (inner ? plainTextOf(inner.schema.nodeFromJSON(target.startDoc)) : ""), [inner, target.startDoc]);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    dialog.current?.showModal();
  }, []);

  const close = (outcome: SendOutcome | null) => {
    dialog.current?.close();
    const back = returnFocus.current;
    if (back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus();
    else focusText();
    onClose(outcome);
  };

  const chooseOp = (next: Op) => {
    // A new text starts empty; going back to a change starts again from the selection.
    if (inner && next === "ADD" && op !== "ADD" && plainTextOf(inner.state.doc) === startText) {
      inner.commands.setContent({ type: "doc", content: [{ type: "clause", attrs: { clauseId: target.clauseId }, content: [{ type: "clauseHeading" }, { type: "paragraph" }] }] });
    }
    if (inner && next === "MOD" && !plainTextOf(inner.state.doc)) inner.commands.setContent(target.startDoc);
    setOp(next);
  };

  const proposes = op === "ADD" || op === "MOD";

  const save = async (submit: boolean) => {
    setError(null);
    if (!rationale.trim()) {
      setError(t("rationaleRequired"));
      rationaleRef.current?.focus();
      return;
    }
    const proposedText = proposes && inner ? plainTextOf(inner.state.doc) : "";
    if (proposes && !proposedText) {
      setError(t("textRequired"));
      inner?.commands.focus();
      return;
    }
    const wanted = sourceKeys.split(/[\s,;]+/).filter(Boolean);
    const unknown = wanted.filter((k) => !keys.has(k.toLowerCase()));
    if (unknown.length) {
      setError(t("unknownSources", { keys: unknown.join(", ") }));
      return;
    }
    const body: ProposalBody = {
      clauseId: target.clauseId,
      lang: target.lang,
      op,
      type,
      ...(target.anchor ? { anchor: target.anchor } : {}),
      ...(op === "ADD" ? { position } : {}),
      ...(proposes && inner ? { proposedText, proposedDoc: inner.getJSON() } : {}),
      rationale: rationale.trim(),
      cosponsors,
      sources: [...new Set(wanted.map((k) => keys.get(k.toLowerCase())!.id))],
      submit,
    };
    setBusy(true);
    const outcome = await send(body);
    setBusy(false);
    if (outcome.kind === "error") setError(outcome.message);
    else close(outcome);
  };

  return (
    <dialog
      ref={dialog}
      className="proposal-dialog"
      aria-labelledby="proposal-title"
      data-testid="proposal-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close(null);
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(true);
        }}
      >
        <h2 id="proposal-title">{t("dialogTitle", { number: target.articleNumber })}</h2>
        <p className="muted">{scope === "passage" ? t("aboutPassage") : t("aboutArticle")}</p>
        <p className="proposal-text-lang" data-testid="proposal-text-lang">
          <TextLangTag lang={target.lang} /> {tLang(`amends.${target.lang}`)}
        </p>
        {target.anchor && <blockquote className="proposal-quote">{target.anchor.exact}</blockquote>}
        <fieldset className="proposal-choices">
          <legend>{t("operation")}</legend>
          {OPS.map((o) => (
            <label key={o}>
              <input type="radio" name="op" value={o} checked={op === o} onChange={() => chooseOp(o)} /> {t(`op.${o}`)}
            </label>
          ))}
        </fieldset>
        {op === "ADD" && (
          <fieldset className="proposal-choices">
            <legend>{t("position")}</legend>
            {(["before", "after"] as const).map((p) => (
              <label key={p}>
                <input type="radio" name="position" value={p} checked={position === p} onChange={() => setPosition(p)} /> {t(`positions.${p}.${scope}`)}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset className="proposal-choices">
          <legend>{t("type")}</legend>
          {TYPES.map((k) => (
            <label key={k}>
              <input type="radio" name="type" value={k} checked={type === k} onChange={() => setType(k)} /> {t(`types.${k}`)}
            </label>
          ))}
        </fieldset>
        <div hidden={!proposes}>
          <p id="proposal-text-label" className="field-label">{op === "ADD" ? t("newText") : t("proposedText")}</p>
          <EditorContent editor={inner} className="charter proposal-editor" data-scope={scope} />
        </div>
        <label className="field">
          <span className="field-label">{t("rationale")}</span>
          <textarea ref={rationaleRef} name="rationale" rows={3} aria-required="true" value={rationale} onChange={(e) => setRationale(e.target.value)} />
        </label>
        <fieldset className="proposal-cosponsors">
          <legend>{t("cosponsors")}</legend>
          {delegations.length === 0 ? (
            <p className="muted">{t("noOtherDelegations")}</p>
          ) : (
            delegations.map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={cosponsors.includes(d)}
                  onChange={(e) => setCosponsors((list) => (e.target.checked ? [...list, d] : list.filter((x) => x !== d)))}
                />{" "}
                {d}
              </label>
            ))
          )}
        </fieldset>
        <label className="field">
          <span className="field-label">{t("sources")}</span>
          <input type="text" name="sources" list="proposal-source-keys" value={sourceKeys} placeholder="MKH23-R12" onChange={(e) => setSourceKeys(e.target.value)} />
        </label>
        <datalist id="proposal-source-keys">
          {sources.filter((s) => s.status === "active").map((s) => (
            <option key={s.id} value={s.key} />
          ))}
        </datalist>
        <p role="alert" className="error" data-testid="proposal-error">{error}</p>
        <div className="dialog-actions">
          <button type="submit" disabled={busy}>{t("submit")}</button>
          <button type="button" disabled={busy} onClick={() => void save(false)}>{t("saveDraft")}</button>
          <button type="button" onClick={() => close(null)}>{t("cancel")}</button>
        </div>
      </form>
    </dialog>
  );
}
