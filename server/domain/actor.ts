import type { Role } from "@/lib/roles";

/** Who is acting. Every domain function takes one; null means nobody is signed in. */
export interface Actor {
  id: string;
  role: Role;
  name: string;
  email: string;
  delegation: string;
  locale: string;
}

/** The seed, the importer CLI and start-up act as the system. */
export const SYSTEM_ACTOR: Actor = {
  id: "system",
  role: "secretariat",
  name: "System",
  email: "system@localhost",
  delegation: "",
  locale: "en",
};
