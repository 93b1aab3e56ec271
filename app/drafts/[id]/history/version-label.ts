// The one way a version is named on screen. A restore version's stored name is an English
// sentence kept for API clients ("Restored: Draft 1"); readers get it in their language, built
// from the version it restored.
type Translate = (key: string, values?: Record<string, string>) => string;

export interface LabelledVersion {
  kind: string;
  name: string | null;
  createdAt: Date;
  restoredFrom?: { name: string | null } | null;
}

export function versionLabel(v: LabelledVersion, t: Translate, date: (d: Date) => string): string {
  if (v.kind === "restore") return v.restoredFrom?.name ? t("restoredName", { name: v.restoredFrom.name }) : t("restoredUnnamed");
  return v.name ?? `${t("auto")} · ${date(v.createdAt)}`;
}
