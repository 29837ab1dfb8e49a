import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, data, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "../components/csrf-input";
import { Field, FormError } from "../components/field";
import { clientIpFrom } from "../load-context";
import { checkAuthForm } from "../utils/auth-form.server";
import { authenticator, LoginError, requireAnonymous, safeRedirect } from "../utils/auth.server";
import { startUserSession } from "../utils/session.server";
import { readFormData } from "../utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Log in · Bookbug" }];

type FieldErrors = Partial<Record<"email" | "password", string>>;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  // The form strategy reads the body itself, so we read a clone.
  const formData = await readFormData(request.clone());
  const values = { email: String(formData.get("email") ?? "").slice(0, 300) };
  const refusal = await checkAuthForm("login", formData, request, clientIpFrom(context));
  if (refusal) {
    return data({ formError: refusal.message, fieldErrors: {} as FieldErrors, values }, { status: refusal.status, headers: refusal.headers });
  }
  try {
    const user = await authenticator.authenticate("form", request);
    return await startUserSession(user.id, safeRedirect(formData.get("redirectTo")));
  } catch (error) {
    if (error instanceof LoginError) {
      const hasFieldErrors = Object.values(error.fieldErrors).some(Boolean);
      return data(
        { formError: hasFieldErrors ? null : error.message, fieldErrors: error.fieldErrors as FieldErrors, values },
        { status: hasFieldErrors ? 400 : 401 },
      );
    }
    throw error;
  }
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const busy = navigation.state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="container narrow page">
      <div className="card auth-card">
        <h1>Welcome back</h1>
        <p className="muted">Log in to carry on with your books.</p>
        <FormError message={actionData?.formError} />
        <Form method="post" noValidate className="stack">
          <CsrfInput />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={actionData?.values.email} error={errors.email} required />
          <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required />
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? "Logging in…" : "Log in"}
          </button>
        </Form>
        <p className="muted center">
          New to Bookbug? <Link to="/signup">Create an account</Link>
        </p>
      </div>
    </div>
  );
}
