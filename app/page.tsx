import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "./_lib/actor";
import { needsFirstAccount } from "@/server/domain/members";

export default async function Home() {
  if (await needsFirstAccount()) redirect("/setup");
  if (await currentActor()) redirect("/drafts");
  const t = await getTranslations("home");
  const tNav = await getTranslations("nav");
  return (
    <section className="narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>{t("signInPrompt")}</p>
      <p>
        <Link className="button" href="/login">{tNav("signIn")}</Link>
      </p>
      {process.env.SEED_DEMO === "1" && <p className="hint">{t("demoHint")}</p>}
    </section>
  );
}
