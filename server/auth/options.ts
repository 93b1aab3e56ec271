// next-auth configuration: email + password (credentials), JWT sessions, next-auth's own CSRF.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { verifyCredentials } from "@/server/domain/members";
import { clearFailures, isThrottled, recordFailure, type ThrottleKey } from "./throttle";

/** Error codes the sign-in form turns into messages. */
export const SIGNIN_ERRORS = { throttled: "throttled", wrong: "wrong_credentials" } as const;

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().max(200), password: z.string().max(200) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(SIGNIN_ERRORS.wrong);
        const forwarded = (req?.headers?.["x-forwarded-for"] as string | undefined)?.split(",")[0]?.trim();
        const keys: ThrottleKey[] = [`email:${parsed.data.email}`, ...(forwarded ? [`ip:${forwarded}` as const] : [])];
        if (isThrottled(keys)) throw new Error(SIGNIN_ERRORS.throttled);
        const actor = await verifyCredentials(parsed.data.email, parsed.data.password);
        if (!actor) {
          recordFailure(keys);
          throw new Error(SIGNIN_ERRORS.wrong);
        }
        clearFailures(keys);
        return { id: actor.id, name: actor.name, email: actor.email };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) token.sub = user.id;
      return token;
    },
    session: ({ session, token }) => {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
