"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { forgetDeviceCopies } from "./device-copies";

export function SignOutButton() {
  const t = useTranslations("nav");
  const leave = async () => {
    await forgetDeviceCopies();
    await signOut({ callbackUrl: "/" });
  };
  return (
    <button type="button" className="link-button" onClick={() => void leave()}>
      {t("signOut")}
    </button>
  );
}
