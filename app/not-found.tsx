import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Every 404 of the app (unknown address, or `notFound()` from a page), in the reader's language. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <section className="narrow">
      <h1>{t("title")}</h1>
      <p>{t("text")}</p>
      <p>
        <Link href="/drafts">{t("home")}</Link>
      </p>
    </section>
  );
}
