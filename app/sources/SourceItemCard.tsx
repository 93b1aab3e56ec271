import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SourceItemDto } from "@/server/domain/sources";
import type { CitingClause } from "@/server/domain/citations";

// Source texts are rendered as React text nodes: never as HTML.
export async function SourceItemCard({ item, link = true, citedIn }: { item: SourceItemDto; link?: boolean; citedIn: CitingClause[] }) {
  const t = await getTranslations("sources");
  const tC = await getTranslations("citations");
  return (
    <article className={`source-item kind-${item.kind}`} data-testid="source-item" id={item.key} lang="en">
      <header>
        {link ? <Link href={`/sources/${item.id}`} className="source-key">{item.key}</Link> : <span className="source-key">{item.key}</span>}
        <span className="badge">{t(`kinds.${item.kind}`)}</span>
        {item.panel !== null && <span className="muted">{t("panel", { panel: item.panel })}</span>}
        {item.status === "withdrawn" && <span className="badge warn">{t("withdrawn")}</span>}
      </header>
      {item.title && <h3>{item.title}</h3>}
      {item.text.split("\n\n").map((para, i) => (
        <p key={i}>{para}</p>
      ))}
      <footer className="muted">
        {item.section}
        {item.actors.length > 0 && <> · {item.actors.join(", ")}</>}
      </footer>
      <p className="cited-in" data-testid="cited-in">
        {tC("citedIn")}:{" "}
        {citedIn.length === 0
          ? tC("notCited")
          : citedIn.map((c, i) => (
              <span key={`${c.draftId}-${c.clauseId}`}>
                {i > 0 && "; "}
                <Link href={`/drafts/${c.draftId}?clause=${encodeURIComponent(c.clauseId)}`}>
                  {c.draftTitle} — Art. {c.number ?? "?"}{c.heading ? ` (${c.heading})` : ""}
                </Link>
              </span>
            ))}
      </p>
    </article>
  );
}
