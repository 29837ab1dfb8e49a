import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startAppServer } from "../tests/e2e/app-server";
import { bookbug, bookbugJson, CLI_PASSWORD, holdRendering, INTERVIEW_ANSWERS as ANSWERS, loggedInUser, startBookbug } from "../tests/utils/bookbug-cli";
import { signUpOverHttp } from "../tests/utils/http-signup";
import type { ApiBook, ApiMessage } from "./api";

// The CLI as a user runs it: a child process against the real built server.
let server: Awaited<ReturnType<typeof startAppServer>>;

beforeAll(async () => {
  server = await startAppServer();
}, 60_000);
afterAll(() => server.stop());

const loggedIn = (name: string) => loggedInUser(server.url, name);

interface Me {
  email: string;
  name: string;
  credits: number;
  availableCredits: number;
  url: string;
}

describe("bookbug CLI", () => {
  it("logs in (token stored 0600), designs a book from stdin, watches it and downloads the PDF", async () => {
    const { email, configDir } = await loggedIn("maker");
    expect(statSync(join(configDir, "config.json")).mode & 0o777).toBe(0o600);

    const whoami = await bookbug(["whoami", "--json"], { configDir });
    expect(JSON.parse(whoami.stdout)).toEqual({ email, name: "Parent", credits: 3, availableCredits: 3, url: server.url });

    const made = await bookbug(["new"], { configDir, input: `${[...ANSWERS, "Approve"].join("\n")}\n` });
    expect(made.code, made.stderr).toBe(0);
    // The offline storyteller varies its questions per book, so check the shape of the transcript.
    expect(made.stdout).toMatch(/^Bookbug: Hi! I'm Bookbug/m);
    for (const answer of ANSWERS) expect(made.stdout).toContain(`Your answer: ${answer}\n`);
    expect(made.stdout).toContain("Approved! The illustrations are on their way.");

    const list = await bookbugJson<ApiBook[]>(["list"], { configDir });
    expect(list).toHaveLength(1);
    const id = list[0]!.id;

    const watched = await bookbug(["watch", id], { configDir });
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(/Done! \[█+\] 8\/8/);
    // Every page's words, each once, whether it landed before or during the watch.
    for (let page = 1; page <= 8; page += 1) expect(watched.stdout.match(new RegExp(`^Page ${page}: `, "gm"))).toHaveLength(1);

    const shown = await bookbugJson<ApiBook>(["show", id], { configDir });
    expect(shown).toMatchObject({ id, status: "complete" });
    expect(shown.pages).toHaveLength(8);

    const file = join(configDir, "maya.pdf");
    const download = await bookbug(["download", id, file], { configDir });
    expect(download.code, download.stderr).toBe(0);
    const pdf = await PDFDocument.load(readFileSync(file));
    expect(pdf.getPageCount()).toBe(9);

    // `-` pipes the same PDF, all of it, before the process exits.
    const piped = await bookbug(["download", id, "-"], { configDir });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdoutBytes.equals(readFileSync(file))).toBe(true);

    // Without a name, the file is named after the book, in the directory given.
    const named = await bookbug(["download", id.slice(0, 8), configDir], { configDir });
    expect(named.code, named.stderr).toBe(0);
    const saved = /^Saved (.+\.pdf) \(\d+ KB\)\.$/m.exec(named.stdout)?.[1] ?? "";
    expect(saved.startsWith(configDir)).toBe(true);
    expect(saved).toMatch(/maya.*\.pdf$/);
    expect((await PDFDocument.load(readFileSync(saved))).getPageCount()).toBe(9);

    const after = await bookbugJson<Me>(["whoami"], { configDir });
    expect(after).toMatchObject({ credits: 2, availableCredits: 2 });
  }, 90_000);

  it("logs out by revoking the token on the server, not only forgetting it", async () => {
    const { configDir } = await loggedIn("leaving");
    const { token } = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8")) as { token: string };
    const before = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(before.status).toBe(200);
    const out = await bookbug(["logout"], { configDir });
    expect(out).toMatchObject({ code: 0 });
    expect(out.stdout).toContain(`Logged out of ${server.url}.`);
    const after = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(await bookbug(["whoami"], { configDir })).toMatchObject({ code: 3 });

    // Logging out again with the revoked token: nothing to warn about.
    writeFileSync(join(configDir, "config.json"), JSON.stringify({ url: server.url, token, email: "leaving@example.com" }));
    expect(await bookbug(["logout"], { configDir })).toMatchObject({ code: 0, stdout: `Logged out of ${server.url}.\n`, stderr: "" });
  });

  it("explains a wrong password, an unreachable server and an expired token with their exit codes", async () => {
    const configDir = mkdtempSync(join(tmpdir(), "bookbug-cli-"));
    await signUpOverHttp(server.url, "careful@example.com", CLI_PASSWORD);
    const wrong = await bookbug(["login", "--url", server.url, "--email", "careful@example.com"], { configDir, env: { BOOKBUG_PASSWORD: "nope" } });
    expect(wrong).toMatchObject({ code: 3, stderr: "That email and password don't match an account.\n" });

    const closedPort = await freePort();
    const away = await bookbug(["login", "--url", `http://127.0.0.1:${closedPort}`, "--email", "careful@example.com"], { configDir });
    expect(away).toMatchObject({ code: 6, stderr: `Can't reach Bookbug at http://127.0.0.1:${closedPort}. Is the server running?\n` });

    const nonsense = await bookbug(["login", "--url", "http://exa mple", "--email", "careful@example.com"], { configDir });
    expect(nonsense).toMatchObject({ code: 2, stderr: expect.stringContaining("isn't a web address") as unknown });

    writeFileSync(join(configDir, "config.json"), JSON.stringify({ url: server.url, token: "bb_expired", email: "careful@example.com" }));
    const expired = await bookbug(["list"], { configDir });
    expect(expired).toMatchObject({ code: 3, stderr: "Your login has expired. Run `bookbug login`.\n" });

    const nobody = await bookbug(["whoami"], { configDir: mkdtempSync(join(tmpdir(), "bookbug-cli-")) });
    expect(nobody).toMatchObject({ code: 3, stderr: "You're not logged in. Run `bookbug login`.\n" });
  }, 60_000);

  it("refuses approval without credits and another user's book", async () => {
    const { email, configDir } = await loggedIn("thrifty");
    // Stdin ends before approval: the conversation is saved and resumable.
    const made = await bookbug(["new"], { configDir, input: `${ANSWERS.join("\n")}\n` });
    expect(made.code).toBe(130);
    const [book] = await bookbugJson<ApiBook[]>(["list"], { configDir });
    expect(made.stderr).toBe(`Saved. Carry on later with: bookbug resume ${book!.id}\n`);
    expect(book?.status).toBe("plot_review");

    const db = createClient({ url: `file:${join(server.dataDir, "bookbug.db")}`, timeout: 5_000 });
    await db.execute({ sql: "update users set credits = 0 where email = ?", args: [email] });
    db.close();
    const approve = await bookbug(["approve", book!.id], { configDir });
    expect(approve).toMatchObject({ code: 5, stderr: "You don't have a credit available. Each finished book uses one.\n" });

    const other = await loggedIn("stranger");
    const verbs = [["show"], ["history"], ["watch"], ["approve"], ["revise", "nicer"], ["retry"], ["cancel"], ["download"], ["resume"]];
    const peeks = await Promise.all(verbs.map(([verb, ...extra]) => bookbug([verb!, book!.id, ...extra], { configDir: other.configDir })));
    for (const [index, peek] of peeks.entries()) {
      expect(peek, verbs[index]![0]).toMatchObject({ code: 4, stderr: "There's no such book (or it isn't yours).\n" });
    }
  }, 120_000);

  it("answers --json on every read command and uses the documented exit codes", async () => {
    const { email, configDir } = await loggedIn("scripter");
    expect(await bookbugJson<ApiBook[]>(["list"], { configDir })).toEqual([]);
    expect(await bookbugJson<Me>(["whoami"], { configDir })).toEqual({ email, name: "Parent", credits: 3, availableCredits: 3, url: server.url });

    const made = await bookbug(["new"], { configDir, input: `${ANSWERS.slice(0, 2).join("\n")}\n` });
    expect(made.code).toBe(130);
    const id = /^New book ([0-9a-f-]{36})/m.exec(made.stdout)![1]!;

    const [listed] = await bookbugJson<ApiBook[]>(["list"], { configDir });
    expect(listed).toMatchObject({ id, status: "intake", title: null, plot: null });
    const shown = await bookbugJson<ApiBook>(["show", id.slice(0, 8)], { configDir });
    expect(shown).toMatchObject({ id, status: "intake", brief: { heroName: "Maya", heroAge: 5 } });

    const history = await bookbugJson<ApiMessage[]>(["history", id], { configDir });
    expect(history.map((message) => message.role)).toEqual(["assistant", "user", "assistant", "user", "assistant"]);
    expect(history.filter((message) => message.role === "user").map((message) => message.content)).toEqual(ANSWERS.slice(0, 2));
    const transcript = await bookbug(["history", id], { configDir });
    expect(transcript.stdout).toMatch(/^Bookbug: Hi! I'm Bookbug/);
    expect(transcript.stdout).toContain(`You: ${ANSWERS[1]}\n`);

    // Not approved yet: nothing to watch, retry, cancel, download or approve. And usage mistakes.
    // (Independent runs, so they run side by side.)
    const [watch, retry, cancel, download, approve, unknown, badOption, noId, noFeedback, missing, badPrefix, help] = await Promise.all(
      [
        ["watch", id, "--json"],
        ["retry", id],
        ["cancel", id],
        ["download", id],
        ["approve", id],
        ["frobnicate"],
        ["list", "--jsno"],
        ["show"],
        ["revise", id],
        ["show", "00000000-0000-4000-8000-000000000000"],
        ["show", "fff"],
        ["help"],
      ].map((args) => bookbug(args, { configDir })),
    );
    expect(watch).toMatchObject({ code: 7, stdout: "", stderr: `This book's plot isn't approved yet, so there's nothing to watch. Approve it first: bookbug approve ${id}\n` });
    expect(retry).toMatchObject({ code: 7, stderr: "Only a book whose illustration failed or was stopped can be retried.\n" });
    expect(cancel).toMatchObject({ code: 7, stderr: "This book isn't being illustrated right now.\n" });
    expect(download).toMatchObject({ code: 7, stderr: "The PDF is ready once the book is complete.\n" });
    expect(approve).toMatchObject({ code: 7, stderr: "There is no plot to review yet.\n" });
    expect(unknown).toMatchObject({ code: 2, stderr: 'Unknown command "frobnicate". Run `bookbug help`.\n' });
    expect(badOption).toMatchObject({ code: 2, stderr: expect.stringContaining("--jsno") as unknown });
    expect(noId).toMatchObject({ code: 2, stderr: "Which book? Give its id (see `bookbug list`).\n" });
    expect(noFeedback).toMatchObject({ code: 2 });
    expect(missing).toMatchObject({ code: 4 });
    expect(badPrefix).toMatchObject({ code: 4 });
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("Exit codes: 0 ok, 1 failed, 2 usage") as unknown });
  }, 120_000);

  it("prints the real resume id when interrupted (Ctrl-C) during `new` and `resume`", async () => {
    const { configDir } = await loggedIn("hasty");
    const making = startBookbug(["new"], { configDir });
    const id = (await making.until(/^New book ([0-9a-f-]{36})/m))[1]!;
    await making.until(/Your answer: $/);
    making.child.kill("SIGINT");
    expect(await making.ended).toMatchObject({ code: 130, stderr: `Saved. Carry on later with: bookbug resume ${id}\n` });

    // Once an answer is sent, too: Bookbug may still be thinking, or already asking again.
    const resuming = startBookbug(["resume", id.slice(0, 6)], { configDir });
    await resuming.until(/Your answer: $/);
    resuming.child.stdin.write("Maya\n");
    await resuming.until(/Your answer: Maya\n[\s\S]*(Bookbug is thinking…\n|Your answer: )$/);
    resuming.child.kill("SIGINT");
    expect(await resuming.ended).toMatchObject({ code: 130, stderr: `Saved. Carry on later with: bookbug resume ${id}\n` });
    const history = await bookbugJson<ApiMessage[]>(["history", id], { configDir });
    expect(history.filter((message) => message.role === "user").map((message) => message.content)).toEqual(["Maya"]);
  }, 60_000);

  it("resumes an interview from stdin, revises the plot, and retries a failed render without a second charge", async () => {
    const { configDir } = await loggedIn("reviser");
    const started = await bookbug(["new"], { configDir, input: `${ANSWERS.slice(0, 3).join("\n")}\n` });
    expect(started.code).toBe(130);
    const id = /^New book ([0-9a-f-]{36})/m.exec(started.stdout)![1]!;
    expect(started.stderr).toBe(`Saved. Carry on later with: bookbug resume ${id}\n`);

    // `resume` shows the conversation so far, then carries on from stdin to the plot.
    const resumed = await bookbug(["resume", id], { configDir, input: `${ANSWERS.slice(3).join("\n")}\n` });
    expect(resumed.code).toBe(130);
    expect(resumed.stdout).toContain(`You: ${ANSWERS[2]}\n`);
    for (const answer of ANSWERS.slice(3)) expect(resumed.stdout).toContain(`Your answer: ${answer}\n`);
    expect(resumed.stdout).toContain("Approve the plot, or say what to change:");
    const before = await bookbugJson<ApiBook>(["show", id], { configDir });
    expect(before).toMatchObject({ status: "plot_review" });
    expect(resumed.stdout).toContain(`“${before.plot!.title}”`);

    const revised = await bookbug(["revise", id, "Call it “Maya's Moon Express”"], { configDir });
    expect(revised.code, revised.stderr).toBe(0);
    expect(revised.stdout).toContain("I retitled it “Maya's Moon Express”. (version 2)");
    const after = await bookbugJson<ApiBook>(["show", id], { configDir });
    expect(after).toMatchObject({ status: "plot_review", title: "Maya's Moon Express", plot: { title: "Maya's Moon Express", summary: "I retitled it “Maya's Moon Express”." } });
    expect(before.plot!.summary).toBeUndefined();

    // The render fails for good (every page upload fails); the credit is only reserved meanwhile.
    const hold = holdRendering(server.dataDir, id);
    const approved = await bookbug(["approve", id], { configDir });
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain(`Approved! The illustrations are on their way. Follow them with: bookbug watch ${id}`);
    const failed = await bookbug(["watch", id], { configDir });
    expect(failed).toMatchObject({ code: 1, stderr: `Illustration failed. Nothing was charged; try again for free with: bookbug retry ${id}\n` });
    expect(await bookbugJson<Me>(["whoami"], { configDir })).toMatchObject({ credits: 3, availableCredits: 3 });
    expect(await bookbugJson<ApiBook>(["show", id], { configDir })).toMatchObject({ status: "failed" });

    hold.release();
    const retried = await bookbug(["retry", id.slice(0, 8)], { configDir });
    expect(retried).toMatchObject({ code: 0, stdout: `Retrying for free; pages already drawn are kept. Follow it with: bookbug watch ${id}\n` });
    const watched = await bookbug(["watch", id], { configDir });
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(/Done! \[█+\] 8\/8/);
    expect(await bookbugJson<Me>(["whoami"], { configDir })).toMatchObject({ credits: 2, availableCredits: 2 });
    expect(await bookbug(["retry", id], { configDir })).toMatchObject({ code: 7 });
  }, 120_000);

  it("shows quick replies as a list in a terminal, picks one with the arrow keys, and Ctrl-C leaves it resumable", async () => {
    const { configDir } = await loggedIn("tty");
    // `script` gives the CLI a real pseudo-terminal.
    const child = spawn("script", ["-qfec", `${process.execPath} cli/bin.mjs new`, "/dev/null"], {
      env: { ...process.env, BOOKBUG_CONFIG_DIR: configDir, TERM: "xterm" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => (screen += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const until = async (text: string | RegExp) => {
      const deadline = Date.now() + 20_000;
      while (!(typeof text === "string" ? screen.includes(text) : text.test(screen))) {
        if (Date.now() > deadline) throw new Error(`never saw ${String(text)} in:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    await until("Your answer:");
    child.stdin.write("Zoe\r");
    await until("(↑/↓ and Enter to choose, or just type)");
    // The list is drawn after its hint line: wait for its last entry.
    await until("✎ Type my own answer");
    for (const chip of ["2", "3", "4", "5", "6", "7", "8", "✎ Type my own answer"]) expect(screen).toContain(chip);
    expect(screen).toContain("❯ 2");
    child.stdin.write("\x1b[B\x1b[B");
    await until("❯ 4");
    child.stdin.write("\r");
    // The list folds into the answer, as in a piped transcript.
    await until("Your answer: 4\r\n");
    await until(/Bookbug:.*4/);
    // Ctrl-C at the next list: the conversation is saved, and the real id is given.
    await until(/Enter to choose[\s\S]*Enter to choose/);
    child.stdin.write("\x03");
    expect(await exited).toBe(130);
    const [book] = await bookbugJson<ApiBook[]>(["list"], { configDir });
    expect(screen).toContain(`Saved. Carry on later with: bookbug resume ${book!.id}`);
    const shownBook = await bookbugJson<ApiBook>(["show", book!.id], { configDir });
    expect(shownBook).toMatchObject({ brief: { heroName: "Zoe", heroAge: 4 } });
  }, 60_000);
});
