import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { needsFirstAccount } from "@/server/domain/members";
import { SetupForm } from "./SetupForm";

export default async function SetupPage() {
  if (!(await needsFirstAccount())) redirect("/login");
  const t = await getTranslations("setup");
  return (
    <section className="narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <SetupForm />
    </section>
  );
}
