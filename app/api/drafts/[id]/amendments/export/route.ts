// GET ?format=docx|csv&lang=en|fr → the disposition table of the draft's amendments, as a download.
import { route, searchParamsObject } from "../../../../_lib/http";
import { download } from "../../../../_lib/download";
import { exportDisposition } from "@/server/export";

export const GET = route<{ id: string }>(async ({ req, actor, params }) => download(await exportDisposition(actor, params.id, searchParamsObject(req))));
