import bcrypt from "bcryptjs";

// bcryptjs: pure JavaScript, so nothing native to compile; cost 12 is ~250 ms here.
const COST = process.env.NODE_ENV === "test" ? 4 : 12;

export const hashPassword = (plain: string) => bcrypt.hash(plain, COST);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);
