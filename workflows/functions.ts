import { createBook } from "./create-book";
import { generatePages } from "./generate-pages";
import { housekeeping } from "./housekeeping";
import { wakeWaitingConversations } from "./wake-conversations";

/** Every workflow the app serves at /api/inngest. */
export const functions = [createBook, generatePages, housekeeping, wakeWaitingConversations];
