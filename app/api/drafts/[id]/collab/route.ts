// { url, room, token } for opening the live document with the stock WebsocketProvider.
// The address comes from COLLAB_PUBLIC_URL, else from the host the browser asked for; a client's
// X-Forwarded-Host/Proto count only behind a declared proxy (TRUST_PROXY).
import { reply, route } from "../../../_lib/http";
import { collabAccessSchema } from "@/lib/contracts/drafts";
import { mintCollabAccess } from "@/server/domain/drafts/collab-access";
import { publicHost, servedOverHttps } from "@/server/auth/trusted-proxy";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => {
  const secure = servedOverHttps(req.headers);
  const host = publicHost(req.headers) ?? req.nextUrl.host;
  const url = process.env.COLLAB_PUBLIC_URL ?? `${secure ? "wss" : "ws"}://${host}/collab`;
  return reply(collabAccessSchema, await mintCollabAccess(actor, params.id, url));
});
