/** What the Node server hands every loader and action. */
export interface BookbugLoadContext {
  /** The caller's IP as the server sees it (rate limits key on it). */
  clientIp: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends BookbugLoadContext {}
}

export function clientIpFrom(context: Partial<BookbugLoadContext> | undefined) {
  return context?.clientIp ?? "unknown";
}
