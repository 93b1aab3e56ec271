import type { DbTx } from "../client";

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  delegation: true,
  locale: true,
  active: true,
  createdAt: true,
} as const;

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  delegation: string;
  locale: string;
  active: boolean;
  createdAt: Date;
};

export const usersRepo = {
  count: (tx: DbTx) => tx.user.count(),
  findById: (tx: DbTx, id: string): Promise<UserRow | null> => tx.user.findUnique({ where: { id }, select: userSelect }),
  findByEmail: (tx: DbTx, email: string): Promise<UserRow | null> =>
    tx.user.findUnique({ where: { email }, select: userSelect }),
  findCredentials: (tx: DbTx, email: string) =>
    tx.user.findUnique({ where: { email }, select: { ...userSelect, passwordHash: true, sessionVersion: true } }),
  /** The user with the session version their session cookie must carry. */
  findForSession: (tx: DbTx, id: string) => tx.user.findUnique({ where: { id }, select: { ...userSelect, sessionVersion: true } }),
  bumpSessionVersion: (tx: DbTx, id: string) => tx.user.updateMany({ where: { id }, data: { sessionVersion: { increment: 1 } } }),
  list: (tx: DbTx): Promise<UserRow[]> => tx.user.findMany({ select: userSelect, orderBy: [{ role: "asc" }, { name: "asc" }] }),
  create: (
    tx: DbTx,
    data: { email: string; name: string; passwordHash: string; role: string; delegation: string; locale?: string },
  ): Promise<UserRow> => tx.user.create({ data, select: userSelect }),
  update: (
    tx: DbTx,
    id: string,
    data: Partial<{ name: string; role: string; delegation: string; locale: string; active: boolean; passwordHash: string }>,
  ): Promise<UserRow> => tx.user.update({ where: { id }, data, select: userSelect }),
};
