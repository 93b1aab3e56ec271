"use client";
import { useTranslations } from "next-intl";
import { forgetDeviceCopies } from "./device-copies";

/** What next-auth's signOut() does, without shipping next-auth/react to every page (issue 14):
 *  fetch a CSRF token, post it to the sign-out endpoint (which clears the session cookie), then
 *  load the home page afresh so no signed-in state stays in memory. */
async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" }),
  });
  window.location.href = "/";
}

export function SignOutButton() {
  const t = useTranslations("nav");
  const leave = async () => {
    await forgetDeviceCopies();
    await signOut();
  };
  return (
    <button type="button" className="link-button" onClick={() => void leave()}>
      {t("signOut")}
    </button>
  );
}
