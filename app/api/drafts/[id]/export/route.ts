// GET ?format=docx|pdf|md|html|akn&version=&comments=1&lang=en|fr&amendments=tracked → the file, as a download.
import { route, searchParamsObject } from "../../../_lib/http";
import { download } from "../../../_lib/download";
import { exportDraft } from "@/server/export";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => download(await exportDraft(actor, params.id, searchParamsObject(req))));
