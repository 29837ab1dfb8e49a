/**
 * Reads a submitted form. A body that is not a form (wrong content type,
 * truncated upload, JSON sent to a page) is the client's mistake: it gets a
 * 400 with a sentence, not a 500 with a stack trace in the log.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("This form could not be read. Reload the page and try again.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
