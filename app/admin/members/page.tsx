import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "../../_lib/guard";
import { listMembers } from "@/server/domain/members";
import { can } from "@/server/domain/permissions";
import { MembersAdmin } from "./MembersAdmin";

export default async function MembersPage() {
  const actor = await requireActor("/admin/members");
  if (!can(actor, "member:manage")) notFound();
  const [members, t] = await Promise.all([listMembers(actor), getTranslations("members")]);
  return (
    <section>
      <h1>{t("title")}</h1>
      <MembersAdmin
        selfId={actor.id}
        initial={members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role, delegation: m.delegation, active: m.active }))}
      />
    </section>
  );
}
