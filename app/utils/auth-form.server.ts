import { CsrfError, validateCsrf } from "./csrf.server";
import { consumeAuthAttempt } from "./rate-limit.server";

export interface AuthFormRefusal {
  status: 403 | 429;
  message: string;
  headers?: HeadersInit;
}

/**
 * The checks every login and signup submission passes before anything is
 * looked up or written: a valid CSRF token, then the per-IP and per-email
 * attempt budgets. Returns why it was refused, or null.
 */
export async function checkAuthForm(
  kind: "login" | "signup",
  formData: FormData,
  request: Request,
  clientIp: string,
): Promise<AuthFormRefusal | null> {
  try {
    await validateCsrf(formData, request);
  } catch (error) {
    if (error instanceof CsrfError) return { status: 403, message: error.message };
    throw error;
  }
  const rawEmail = formData.get("email");
  // Bounded, normalised key: a 10 KB email must not become a 10 KB map key.
  const emailKey = typeof rawEmail === "string" ? rawEmail.trim().toLowerCase().slice(0, 254) : "";
  const limit = consumeAuthAttempt(kind, clientIp, emailKey);
  if (!limit.allowed) {
    const wait = limit.retryAfterSeconds;
    return {
      status: 429,
      message: `Too many attempts. Please wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
      headers: { "Retry-After": String(wait) },
    };
  }
  return null;
}
