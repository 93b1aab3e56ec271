// Labels of the exported documents, in the two working languages of the committee.
import en from "@/lib/i18n/messages/en.json";
import fr from "@/lib/i18n/messages/fr.json";

export function exportLabels(locale: "en" | "fr") {
  return (locale === "fr" ? fr : en).export;
}
export type ExportLabels = ReturnType<typeof exportLabels>;

export function formatDate(date: Date, locale: "en" | "fr"): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** Labels of the disposition table and the tracked-changes compilation. */
export function amendmentExportLabels(locale: "en" | "fr") {
  return (locale === "fr" ? fr : en).amendmentExport;
}
export type AmendmentExportLabels = ReturnType<typeof amendmentExportLabels>;

/** "{name}" placeholders of a label (the catalogues' simple ones; exports need no plural rules). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
