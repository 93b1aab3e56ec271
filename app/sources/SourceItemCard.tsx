import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SourceItemDto } from "@/server/domain/sources";

// Source texts are rendered as React text nodes: never as HTML.
export async function SourceItemCard({ item, link = true }: { item: SourceItemDto; link?: boolean }) {
  const t = await getTranslations("sources");
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
    </article>
  );
}
