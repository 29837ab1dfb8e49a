import { createBook } from "./create-book";
import { generatePages } from "./generate-pages";

/** Every workflow the app serves at /api/inngest. */
export const functions = [createBook, generatePages];
