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

/** How an answer was read, so the reply can be honest about it. */
export interface InterpretationNotes {
  /** Topics the storyteller chose itself because the answer didn't settle them. */
  assumed?: BriefTopic[];
  /** Topics the answer changed after they had been given (e.g. "actually her name is Emma"). */
  corrected?: BriefTopic[];
  /** Topics whose text had to be shortened to fit the book. */
  shortened?: BriefTopic[];
}

/** Brief updates read from one answer, plus optional notes on the reading. */
export type Interpretation = BookBrief & { notes?: InterpretationNotes };

/** A revised plot and the brief it now follows (new page count, a renamed companion…). */
export interface Revision {
  plot: Plot;
  brief: BookBrief;
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
  interview(input: StoryContext & { learned?: Interpretation; askedAbout?: BriefTopic | null; turn: number }): Promise<InterviewTurn>;
  /** Turns a free-text answer into brief updates that always satisfy the brief schema. */
  interpret(input: StoryContext & { askedAbout: BriefTopic | null; answer: string }): Promise<Interpretation>;
  /** Writes the plot: title, premise, one beat per page. */
  plot(input: StoryContext & { version: number }): Promise<Plot>;
  /** The words printed on one page: the beat told for the child's age. */
  writePage(input: StoryContext & { plot: Plot; pageNumber: number }): Promise<string>;
  /**
   * Applies the parent's feedback to the current plot and brief (so requests
   * accumulate across revisions) and returns both; the plot's summary says
   * plainly what changed, or that a request couldn't be applied.
   */
  revisePlot(input: StoryContext & { plot: Plot; feedback: string; version: number }): Promise<Revision>;
}

export const MAX_USER_MESSAGE_LENGTH = 2_000;
