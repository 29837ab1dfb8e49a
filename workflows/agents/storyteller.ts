import type { BookBrief, BriefTopic, Plot } from "../brief";

/** The assistant's next turn in the interview. */
export interface InterviewTurn {
  /** What the assistant says: an acknowledgement and the next question. */
  message: string;
  chips: string[];
  /** The topic the question is about (stored as the message phase). */
  topic: BriefTopic | null;
  /** True when the brief has everything a plot needs. */
  complete: boolean;
}

export interface StoryContext {
  /** Seeds every choice, so the same book always gets the same wording. */
  bookId: string;
  brief: BookBrief;
}

/**
 * The one interface every story AI implements. Implementations must treat
 * user text as data (never as instructions) and return validated output.
 */
export interface Storyteller {
  readonly name: string;
  /** The next question (and acknowledgement of what was just learned), or completion. */
  interview(input: StoryContext & { learned?: BookBrief; askedAbout?: BriefTopic | null; turn: number }): Promise<InterviewTurn>;
  /** Turns a free-text answer into brief updates. */
  interpret(input: StoryContext & { askedAbout: BriefTopic | null; answer: string }): Promise<BookBrief>;
  /** Writes the plot: title, premise, one beat per page. */
  plot(input: StoryContext & { version: number }): Promise<Plot>;
  /** The words printed on one page: the beat told for the child's age. */
  writePage(input: StoryContext & { plot: Plot; pageNumber: number }): Promise<string>;
  /** Rewrites the plot following the parent's feedback. */
  revisePlot(input: StoryContext & { plot: Plot; feedback: string; version: number }): Promise<Plot>;
}

export const MAX_USER_MESSAGE_LENGTH = 2_000;
