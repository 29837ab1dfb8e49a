import { useRouteLoaderData } from "@remix-run/react";

/** The hidden field every state-changing form carries (see csrf.server.ts). */
export function CsrfInput() {
  const rootData = useRouteLoaderData<{ csrfToken: string }>("root");
  return <input type="hidden" name="csrf" value={rootData?.csrfToken ?? ""} />;
}
