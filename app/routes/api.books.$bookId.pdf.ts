import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, handleApi, requireApiUserId } from "../utils/api.server";
import { readBookPdf } from "../utils/book-files.server";

function fileName(title: string) {
  return `${title.replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").toLowerCase() || "bookbug"}.pdf`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const userId = await requireApiUserId(request);
    const pdf = await readBookPdf(userId, params.bookId ?? "");
    if (!pdf) return apiError(409, "not_ready", "The PDF is ready once the book is complete.");
    return new Response(Buffer.from(pdf.body), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${fileName(pdf.title)}"`,
        "Content-Length": String(pdf.body.length),
        "Cache-Control": "private, no-cache",
      },
    });
  });
}
