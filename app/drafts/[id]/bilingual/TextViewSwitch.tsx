"use client";
// The labelled choice of the text(s) shown: a radio group (arrow keys move between the options).
import { useTranslations } from "next-intl";
import { TEXT_VIEWS, type TextView } from "./useTextView";

export function TextViewSwitch({ view, onChange }: { view: TextView; onChange: (view: TextView) => void }) {
  const t = useTranslations("bilingual");
  return (
    <fieldset className="text-view-switch" data-testid="text-view">
      <legend>{t("viewLegend")}</legend>
      {TEXT_VIEWS.map((option) => (
        <label key={option}>
          <input type="radio" name="text-view" value={option} checked={view === option} onChange={() => onChange(option)} />
          {t(`view.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}
