/** What a Remix action returned, whether a Response or a `data()` result. */
export interface ActionOutcome<T> {
  status: number;
  data: T | null;
  headers: Headers;
}

export function outcomeOf<T>(result: unknown): ActionOutcome<T> {
  if (result instanceof Response) return { status: result.status, data: null, headers: result.headers };
  const value = result as { type?: string; data: T; init?: ResponseInit | null };
  if (value && value.type === "DataWithResponseInit") {
    return { status: value.init?.status ?? 200, data: value.data, headers: new Headers(value.init?.headers) };
  }
  return { status: 200, data: result as T, headers: new Headers() };
}
