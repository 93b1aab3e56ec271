// { url, room, token } for opening the live document with the stock WebsocketProvider.
import { route } from "../../../_lib/http";
import { mintCollabAccess } from "@/server/domain/drafts/collab-access";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => {
  const forwardedProto = req.headers.get("x-forwarded-proto");
  const secure = forwardedProto ? forwardedProto === "https" : req.nextUrl.protocol === "https:";
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? req.nextUrl.host;
  const url = process.env.COLLAB_PUBLIC_URL ?? `${secure ? "wss" : "ws"}://${host}/collab`;
  return mintCollabAccess(actor, params.id, url);
});
