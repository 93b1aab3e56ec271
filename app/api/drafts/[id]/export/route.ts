// GET ?format=docx|pdf|md|html|akn&version=&comments=1&lang=en|fr → the file, as a download.
import { route, searchParamsObject } from "../../../_lib/http";
import { exportDraft } from "@/server/export";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => {
  const file = await exportDraft(actor, params.id, searchParamsObject(req));
  return new Response(new Uint8Array(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "cache-control": "no-store",
    },
  });
});
