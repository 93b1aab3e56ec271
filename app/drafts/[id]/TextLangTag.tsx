"use client";
// The language of the text a comment, amendment or bracket is anchored in: a short visible tag
// (EN / FR) and its full name for screen readers, in the interface language.
import { useTranslations } from "next-intl";
import type { TextLang } from "@/lib/editor/languages";

export function TextLangTag({ lang }: { lang: TextLang }) {
  const t = useTranslations("textLanguage");
  return (
    <span className={`text-lang-tag text-lang-${lang}`} data-testid="text-lang-tag" data-lang={lang} title={t(`name.${lang}`)}>
      <span aria-hidden="true">{t(`tag.${lang}`)}</span>
      <span className="sr-only">{t(`name.${lang}`)}</span>
    </span>
  );
}
