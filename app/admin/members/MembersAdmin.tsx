"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { ROLES } from "@/lib/roles";
import { memberSchema, type Member as MemberAnswer } from "@/lib/contracts/members";
import { callJson, postJson } from "../../_components/api";

/** What the table shows of a member (the page passes them from the server, the API answers with the contract). */
type Member = Pick<MemberAnswer, "id" | "name" | "email" | "role" | "delegation" | "active">;

export function MembersAdmin({ initial, selfId }: { initial: Member[]; selfId: string }) {
  const t = useTranslations("members");
  const tRoles = useTranslations("roles");
  const [members, setMembers] = useState(initial);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function add(form: FormData) {
    const result = await postJson("/api/members", Object.fromEntries(form.entries()), memberSchema);
    if (!result.ok) return setMessage({ error: true, text: result.message });
    setMembers((list) => [...list, result.data]);
    setMessage({ error: false, text: t("saved") });
  }

  async function update(id: string, patch: Partial<Member>) {
    const result = await callJson(`/api/members/${id}`, { method: "PATCH", body: patch, response: memberSchema });
    if (!result.ok) return setMessage({ error: true, text: result.message });
    setMembers((list) => list.map((m) => (m.id === id ? result.data : m)));
    setMessage({ error: false, text: t("saved") });
  }

  return (
    <>
      <table className="table">
        <thead>
          <tr><th>{t("name")}</th><th>{t("email")}</th><th>{t("delegation")}</th><th>{t("role")}</th><th>{t("active")}</th></tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className={m.active ? "" : "inactive"}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{m.delegation}</td>
              <td>
                <select aria-label={`${t("role")} — ${m.name}`} value={m.role} disabled={m.id === selfId} onChange={(e) => void update(m.id, { role: e.target.value })}>
                  {ROLES.map((r) => <option key={r} value={r}>{tRoles(r)}</option>)}
                </select>
              </td>
              <td>
                {m.id !== selfId && (
                  <button type="button" className="link-button" onClick={() => void update(m.id, { active: !m.active })}>
                    {m.active ? t("deactivate") : t("reactivate")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "ok"}>{message.text}</p>}
      <form action={add} className="form inline-form">
        <h2>{t("invite")}</h2>
        <label>{t("name")}<input name="name" required maxLength={120} /></label>
        <label>{t("email")}<input name="email" type="email" required /></label>
        <label>{t("delegation")}<input name="delegation" maxLength={120} /></label>
        <label>
          {t("role")}
          <select name="role" defaultValue="member">
            {ROLES.map((r) => <option key={r} value={r}>{tRoles(r)}</option>)}
          </select>
        </label>
        <label>{t("password")}<input name="password" type="password" minLength={10} required autoComplete="new-password" /></label>
        <button type="submit">{t("submit")}</button>
      </form>
    </>
  );
}
