// next-auth configuration: email + password (credentials), JWT sessions, next-auth's own CSRF.
// A session carries the user's session version; sign-out raises it, so the cookie dies with it.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "@/lib/zod";
import { endSessions, sessionVersionOf, verifyCredentials } from "@/server/domain/members";
import { userText } from "@/lib/text";
import { clearFailures, isThrottled, recordFailure } from "./throttle";
import { clientAddress } from "./trusted-proxy";
import { sameOriginTarget } from "@/lib/redirect";

/** Error codes the sign-in form turns into messages. */
export const SIGNIN_ERRORS = { throttled: "throttled", wrong: "wrong_credentials" } as const;

const credentialsSchema = z.object({ email: userText().trim().toLowerCase().max(200), password: userText().max(200) });

type RequestHeaders = Record<string, string | string[] | undefined>;

/** The credentials check behind the sign-in form, throttled per account and address. */
export async function authorizeCredentials(credentials: unknown, headers: RequestHeaders = {}) {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) throw new Error(SIGNIN_ERRORS.wrong);
  const attempt = { account: parsed.data.email, address: clientAddress(headers) };
  if (await isThrottled(attempt)) throw new Error(SIGNIN_ERRORS.throttled);
  const actor = await verifyCredentials(parsed.data.email, parsed.data.password);
  if (!actor) {
    await recordFailure(attempt);
    throw new Error(SIGNIN_ERRORS.wrong);
  }
  await clearFailures(attempt);
  return { id: actor.id, name: actor.name, email: actor.email, sessionVersion: await sessionVersionOf(actor.id) };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => authorizeCredentials(credentials, (req?.headers ?? {}) as RequestHeaders),
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session: ({ session, token }) => {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      (session as { sv?: number }).sv = typeof token.sv === "number" ? token.sv : 0;
      return session;
    },
    // Only targets on this site: "/\evil.example" and "//evil.example" resolve elsewhere.
    redirect: ({ url, baseUrl }) => sameOriginTarget(url, baseUrl) ?? baseUrl,
  },
  events: {
    signOut: async ({ token }) => {
      if (token?.sub) await endSessions(token.sub);
    },
  },
};
