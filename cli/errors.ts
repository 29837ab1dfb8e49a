/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  noCredits: 5,
  unreachable: 6,
  conflict: 7,
  interrupted: 130,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Missing and someone else's look the same, so nobody can probe for ids. */
export function noSuchBook() {
  return new CliError("There's no such book (or it isn't yours).", EXIT.notFound);
}

// What an interruption (Ctrl-C) should tell the user right now, e.g. how to
// pick the conversation up again; set by the command that knows.
let interruptHint: string | null = null;

export function setInterruptHint(message: string | null) {
  interruptHint = message;
}

export function interruptMessage() {
  return interruptHint ?? "Interrupted.";
}

export function interrupted() {
  return new CliError(interruptMessage(), EXIT.interrupted);
}
