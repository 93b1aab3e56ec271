import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "../../_lib/guard";
import { getSource } from "@/server/domain/sources";
import { DomainError } from "@/server/domain/errors";
import { SourceItemCard } from "../SourceItemCard";
import { citationsOfSource } from "@/server/domain/citations";

export default async function SourceItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/sources/${id}`);
  const item = await getSource(actor, id).catch((e) => {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  });
  const [t, citedIn] = await Promise.all([getTranslations("sources"), citationsOfSource(actor, id)]);
  return (
    <section className="narrow">
      <p><Link href="/sources">← {t("back")}</Link></p>
      <SourceItemCard item={item} link={false} citedIn={citedIn} />
    </section>
  );
}
