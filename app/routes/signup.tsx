import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, data, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf-input";
import { Field, FormError } from "../components/field";
import { clientIpFrom } from "../load-context";
import { checkAuthForm } from "../utils/auth-form.server";
import { requireAnonymous, safeRedirect } from "../utils/auth.server";
import { startUserSession } from "../utils/session.server";
import { createUser, EmailSchema, EmailTakenError, NameSchema, PasswordSchema } from "../utils/users.server";
import { readFormData } from "../utils/form-data.server";
import { getEnv } from "../utils/env.server";
import { freeBooksPhrase } from "../utils/free-books";

export const meta: MetaFunction = () => [{ title: "Create your account · Bookbug" }];

const SignupSchema = z.object({ name: NameSchema, email: EmailSchema, password: PasswordSchema });

type FieldErrors = Partial<Record<"name" | "email" | "password", string>>;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { freeCredits: getEnv().FREE_CREDITS };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const values = {
    name: String(formData.get("name") ?? "").slice(0, 200),
    email: String(formData.get("email") ?? "").slice(0, 300),
  };
  const refusal = await checkAuthForm("signup", formData, request, clientIpFrom(context));
  if (refusal) {
    return data({ formError: refusal.message, fieldErrors: {} as FieldErrors, values }, { status: refusal.status, headers: refusal.headers });
  }
  const parsed = SignupSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors = parsed.error.flatten().fieldErrors;
    const fieldErrors: FieldErrors = { name: errors.name?.[0], email: errors.email?.[0], password: errors.password?.[0] };
    return data({ formError: null, fieldErrors, values }, { status: 400 });
  }
  try {
    const user = await createUser(parsed.data);
    return await startUserSession(user.id, safeRedirect(formData.get("redirectTo")));
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return data({ formError: null, fieldErrors: { email: error.message } as FieldErrors, values }, { status: 409 });
    }
    throw error;
  }
}

export default function SignupPage() {
  const { freeCredits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const busy = navigation.state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="container narrow page">
      <div className="card auth-card">
        <h1>Create your account</h1>
        <p className="muted">
          {freeCredits > 0 ? `Your first ${freeBooksPhrase(freeCredits).replace(" free", "")} are on us. No card needed.` : "Design your child's book in a friendly chat."}
        </p>
        <FormError message={actionData?.formError} />
        <Form method="post" noValidate className="stack">
          <CsrfInput />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field label="Your name" name="name" autoComplete="name" defaultValue={actionData?.values.name} error={errors.name} required />
          <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={actionData?.values.email} error={errors.email} required />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 8 characters."
            error={errors.password}
            required
          />
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? "Creating your account…" : "Create account"}
          </button>
        </Form>
        <p className="muted center">
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      </div>
    </div>
  );
}
