import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "../../_lib/guard";
import { can } from "@/server/domain/permissions";
import { ImportForm } from "./ImportForm";

export default async function ImportPage() {
  const actor = await requireActor("/admin/import");
  if (!can(actor, "source:import")) notFound();
  const t = await getTranslations("import");
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ImportForm />
    </section>
  );
}
