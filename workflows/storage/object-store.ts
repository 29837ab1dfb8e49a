/** Where rendered pages, covers and PDFs live. Keys are generated, never user input. */
export interface ObjectStore {
  readonly kind: "local" | "s3";
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | null>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every key under a prefix (housekeeping compares these with the database). */
  list(prefix: string): Promise<string[]>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/;

/** Guards against path tricks even though keys are built by the app. */
export function assertSafeKey(key: string) {
  if (!SAFE_KEY.test(key) || key.includes("..") || key.includes("//")) throw new Error(`unsafe object key: ${key}`);
}

export function pageImageKey(bookId: string, pageNumber: number) {
  return `books/${bookId}/pages/${String(pageNumber).padStart(2, "0")}.png`;
}

export function bookPdfKey(bookId: string) {
  return `books/${bookId}/book.pdf`;
}
