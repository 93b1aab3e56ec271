// Akoma Ntoso 3.0 (OASIS LegalDocML): a `doc` whose articles carry eIds derived from clause ids,
// `num`, `heading` and `content`; citations are `ref`s to the sources declared in `references`.
// One document holds one language (FRBRlanguage, ISO 639-2). Both texts of the Charter are
// authentic: each expression is marked authoritative and names the other language's expression in
// FRBRtranslation (the schema's link between language expressions of one work), authoritative too.
import { escapeHtml as esc } from "./html";
import { exportLabels } from "./labels";
import type { ExportModel, Run } from "./model";
import { otherLang, type TextLang } from "@/lib/editor/languages";

export const AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

const eIdOf = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const sourceEId = (key: string) => `src_${eIdOf(key)}`;
/** ISO 639-2 (bibliographic) codes, as FRBRlanguage and the expression IRIs carry them. */
const ISO_639_2: Record<TextLang, string> = { en: "eng", fr: "fra" };

function runsXml(runs: Run[]): string {
  return runs
    .map((r) => {
      if (r.type === "citation") return `<ref href="#${sourceEId(r.key)}">${esc(r.key)}</ref>`;
      let t = esc(r.text).replace(/\n/g, "<eol/>");
      if (r.bold) t = `<b>${t}</b>`;
      if (r.italic) t = `<i>${t}</i>`;
      return t;
    })
    .join("");
}

export function renderAkomaNtoso(model: ExportModel): string {
  const l = exportLabels(model.locale);
  const date = model.date.toISOString().slice(0, 10);
  const work = "/akn/rabat-process/doc/charter-humanised-border-management";
  const expressionIn = (lang: TextLang) => `${work}/${ISO_639_2[lang]}@${date}`;
  const expression = expressionIn(model.textLang);
  const other = otherLang(model.textLang);
  const body = model.chapters
    .map((chapter, ci) => {
      const articles = chapter.articles
        .map((a) => {
          const content = a.blocks
            .map((b) => (b.type === "paragraph" ? `<p>${runsXml(b.runs)}</p>` : `<blockList eId="art_${eIdOf(a.clauseId)}__list_${a.number}">${b.items.map((i) => `<item><p>${runsXml(i)}</p></item>`).join("")}</blockList>`))
            .join("");
          return `<article eId="art_${eIdOf(a.clauseId)}"><num>${l.article} ${a.number}</num>${a.heading ? `<heading>${esc(a.heading)}</heading>` : ""}<content>${content || "<p/>"}</content></article>`;
        })
        .join("\n      ");
      return chapter.title
        ? `<chapter eId="chp_${ci}"><heading>${esc(chapter.title)}</heading>\n      ${articles}\n    </chapter>`
        : articles;
    })
    .join("\n    ");
  const references = model.sources
    .map((s) => `<TLCReference eId="${sourceEId(s.key)}" name="sourceItem" href="/akn/rabat-process/source/${eIdOf(s.key)}" showAs="${esc(s.key)}"/>`)
    .join("\n        ");
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${AKN_NAMESPACE}">
  <doc name="charter">
    <meta>
      <identification source="#secretariat">
        <FRBRWork><FRBRthis value="${work}/main"/><FRBRuri value="${work}"/><FRBRdate date="${date}" name="draft"/><FRBRauthor href="#secretariat"/><FRBRcountry value="rabat-process"/></FRBRWork>
        <FRBRExpression><FRBRthis value="${expression}/main"/><FRBRuri value="${expression}"/><FRBRdate date="${date}" name="version"/><FRBRauthor href="#secretariat"/><FRBRauthoritative value="true"/><FRBRlanguage language="${ISO_639_2[model.textLang]}"/><FRBRtranslation href="${expressionIn(other)}/main" fromLanguage="${ISO_639_2[other]}" authoritative="true" by="#secretariat"/></FRBRExpression>
        <FRBRManifestation><FRBRthis value="${expression}/main.xml"/><FRBRuri value="${expression}.akn"/><FRBRdate date="${date}" name="export"/><FRBRauthor href="#secretariat"/></FRBRManifestation>
      </identification>
      <references source="#secretariat">
        <TLCOrganization eId="secretariat" href="/akn/ontology/organizations/rabat-process-secretariat" showAs="${esc(l.preparedBy)}"/>
        ${references}
      </references>
    </meta>
    <preface>
      <p class="title"><docTitle>${esc(model.title)}</docTitle></p>
      <p class="status"><docStatus>${esc(l.status)}</docStatus></p>
      <p class="version">${esc(l.version)}: ${esc(model.versionName ?? l.currentText)}</p>
    </preface>
    <mainBody>
    ${body}
    </mainBody>
  </doc>
</akomaNtoso>
`;
}
