import type { Storyteller } from "../storyteller";
import { interpretAnswer } from "./interpret";
import { offlineInterview } from "./interview";
import { offlinePageText } from "./page-text";
import { offlinePlot } from "./plot";
import { offlineRevise } from "./revise";
import { surpriseFor } from "./surprise";

/**
 * The storyteller that needs no keys or network. Deterministic per book, so a
 * replayed workflow step always produces the same words.
 */
export function createOfflineStoryteller(): Storyteller {
  return {
    name: "offline",
    async interview({ bookId, brief, learned, askedAbout, turn }) {
      return offlineInterview(bookId, brief, turn, learned, askedAbout);
    },
    async interpret({ bookId, brief, askedAbout, answer }) {
      const { surprise, ...patch } = interpretAnswer(askedAbout, answer, brief);
      if (surprise) return surpriseFor(askedAbout, bookId, brief);
      return patch;
    },
    async plot({ bookId, brief, version }) {
      return offlinePlot(bookId, brief, version);
    },
    async writePage({ bookId, brief, plot, pageNumber }) {
      return offlinePageText(bookId, brief, plot, pageNumber);
    },
    async revisePlot({ bookId, brief, plot, feedback, version }) {
      return offlineRevise(bookId, brief, plot, feedback, version);
    },
  };
}
