import { Suspense } from "react";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { needsFirstAccount } from "@/server/domain/members";
import { LoginForm } from "./LoginForm";

export default async function LoginPage() {
  if (await needsFirstAccount()) redirect("/setup");
  const t = await getTranslations("login");
  const tHome = await getTranslations("home");
  return (
    <section className="narrow">
      <h1>{t("title")}</h1>
      <Suspense>
        <LoginForm />
      </Suspense>
      {process.env.SEED_DEMO === "1" && <p className="hint">{tHome("demoHint")}</p>}
    </section>
  );
}
