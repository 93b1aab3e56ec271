"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALES } from "@/lib/i18n/locales";

const LABELS: Record<string, string> = { en: "English", fr: "Français" };

export function LocaleSwitch() {
  const locale = useLocale();
  const t = useTranslations("nav");
  const router = useRouter();
  async function choose(next: string) {
    await fetch("/api/me/locale", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: next }) });
    router.refresh();
  }
  return (
    <label className="locale-switch">
      <span className="sr-only">{t("language")}</span>
      <select aria-label={t("language")} value={locale} onChange={(e) => void choose(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LABELS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
