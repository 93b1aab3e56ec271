// A generated file as a download: the ASCII name for old clients, the exact one in filename*.
import "server-only";

export function download(file: { filename: string; contentType: string; body: Buffer }): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "cache-control": "no-store",
    },
  });
}
