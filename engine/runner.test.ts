import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  finishedRuns,
  runsOf,
  startHarness,
  until,
  type Harness,
} from "./test-support/harness";

// Steps the test holds open until it lets them go.
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened, entered: false };
}

let h: Harness;
const held = gate();
const child = gate();
let stepsAfterInvoke = 0;

beforeAll(async () => {
  h = await startHarness({
    appId: "runner",
    // Only a due time (or a finished call) may wake the runner in these tests.
    engine: { pollIntervalMs: 60_000 },
    functions: (inngest) => {
      const childFn = inngest.createFunction(
        { id: "child", triggers: [{ event: "runner/child" }] },
        async ({ step }) => {
          await step.run("slow", async () => {
            child.entered = true;
            await child.opened;
            return "done";
          });
        }
      );
      return [
        childFn,
        inngest.createFunction(
          { id: "hold", triggers: [{ event: "runner/hold" }] },
          async ({ step }) => {
            await step.run("held", async () => {
              held.entered = true;
              await held.opened;
            });
          }
        ),
        inngest.createFunction(
          { id: "nap", triggers: [{ event: "runner/nap" }] },
          async ({ step }) => {
            await step.sleep("nap", "100ms");
            return "woke";
          }
        ),
        inngest.createFunction(
          {
            id: "parent",
            triggers: [{ event: "runner/parent" }],
            cancelOn: [{ event: "runner/cancel", match: "data.id" }],
          },
          async ({ step }) => {
            await step.invoke("ask-child", { function: childFn, data: {} });
            for (const name of ["after-1", "after-2", "after-3"])
              await step.run(name, async () => void stepsAfterInvoke++);
          }
        ),
      ];
    },
  });
}, 30_000);
afterAll(async () => {
  held.open();
  child.open();
  await h.close();
});

describe("the runner", () => {
  it("fires a due timer while another run's call is still in flight", async () => {
    await h.inngest.send({ name: "runner/hold", data: {} });
    await until(() => held.entered, 10_000, "the held step to start");
    await h.inngest.send({ name: "runner/nap", data: {} });
    const [nap] = await finishedRuns(h.db, "runner-nap", 1, 10_000);
    expect(nap!.output).toBe("woke");
    // The other call was still executing all along.
    expect((await runsOf(h.db, "runner-hold"))[0]!.status).toBe("running");
    held.open();
    await finishedRuns(h.db, "runner-hold");
  });

  it("runs no step of a cancelled run when the child it invoked finishes", async () => {
    await h.inngest.send({ name: "runner/parent", data: { id: "p1" } });
    await until(() => child.entered, 10_000, "the child's step to start");
    await h.inngest.send({ name: "runner/cancel", data: { id: "p1" } });
    const [parent] = await finishedRuns(h.db, "runner-parent", 1, 10_000);
    expect(parent!.status).toBe("cancelled");
    child.open();
    await finishedRuns(h.db, "runner-child", 1, 10_000);
    // Whatever the child's end queued for the parent has been dealt with.
    await until(
      async () => {
        const rs = await h.db.execute({
          sql: "SELECT COUNT(*) AS n FROM engine_queue WHERE run_id = ?",
          args: [parent!.id],
        });
        return Number(rs.rows[0]!.n) === 0;
      },
      10_000,
      "the parent's queue to drain"
    );
    expect(stepsAfterInvoke).toBe(0);
    expect((await runsOf(h.db, "runner-parent"))[0]!.status).toBe("cancelled");
  });
});
