// GET: server-sent events with the signed-in user's unread notification count, sent at once and
// again whenever their notifications change (the header's bell on every page, no reload).
import { reply, route } from "../../_lib/http";
import { unreadEventSchema } from "@/lib/contracts/comments";
import { DomainError } from "@/server/domain/errors";
import { onNotificationsChanged, unreadNotifications } from "@/server/domain/comments/notifications";

export const dynamic = "force-dynamic";

const KEEP_ALIVE_MS = 25_000; // below the idle timeouts of common proxies

export const GET = route(async ({ req, actor }) => {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const sendCount = () =>
        unreadNotifications(actor).then(
          (unread) => write(`event: unread\ndata: ${JSON.stringify(reply(unreadEventSchema, { unread }))}\n\n`),
          () => undefined, // the next change or reconnect sends it again
        );
      const unsubscribe = onNotificationsChanged(actor, () => void sendCount());
      const keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(keepAlive);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      req.signal.addEventListener("abort", stop);
      void sendCount();
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: compression would buffer the events
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
