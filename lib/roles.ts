// Committee roles, most to least powerful. Shared by the UI (labels) and the permission module.
export const ROLES = ["secretariat", "chair", "member", "observer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
