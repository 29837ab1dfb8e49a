import { APIConnectionError, APIError } from "@anthropic-ai/sdk";
import { NonRetriableError, RetryAfterError } from "inngest";

/**
 * Maps a provider failure to the workflow's retry rules: 429 waits for
 * `retry-after`, other 4xx can never succeed, 5xx and network trouble retry
 * with backoff. Messages stay generic: internals never reach a parent.
 */
export function toWorkflowError(error: unknown): Error {
  if (error instanceof APIConnectionError) {
    return new Error("The story service could not be reached", { cause: error });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    if (error.status === 429) {
      const header = error.headers?.get("retry-after");
      const seconds = header && /^\d+(\.\d+)?$/.test(header) ? Number(header) : 30;
      return new RetryAfterError("The story service is busy", Math.ceil(seconds * 1000), { cause: error });
    }
    if (error.status >= 400 && error.status < 500) {
      return new NonRetriableError(`The story service refused the request (${error.status})`, { cause: error });
    }
    return new Error(`The story service failed (${error.status})`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
