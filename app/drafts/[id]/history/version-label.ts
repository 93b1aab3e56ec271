// The one way a version is named on screen. A restore version's stored name is an English
// sentence kept for API clients ("Restored: Draft 1"), and so is the name of the version an
// accepted amendment made ("AM-012 (Senegal) accepted"); readers get both in their language,
// built from the version restored or the amendment applied.
type Translate = (key: string, values?: Record<string, string>) => string;

export interface LabelledVersion {
  kind: string;
  name: string | null;
  createdAt: Date;
  restoredFrom?: { name: string | null } | null;
  amendment?: { number: string; delegation: string } | null;
}

export function versionLabel(v: LabelledVersion, t: Translate, date: (d: Date) => string): string {
  if (v.kind === "restore") return v.restoredFrom?.name ? t("restoredName", { name: v.restoredFrom.name }) : t("restoredUnnamed");
  if (v.amendment) return t("amendmentApplied", { number: v.amendment.number, delegation: v.amendment.delegation });
  return v.name ?? `${t("auto")} · ${date(v.createdAt)}`;
}
