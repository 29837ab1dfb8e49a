import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inngest } from "inngest";
import { serve } from "inngest/node";
import { finishedRuns, startHarness, until, type Harness } from "./test-support/harness";

let opened!: () => void;
const gate = new Promise<void>((resolve) => (opened = resolve));
let holding = 0;

function functions(inngest: Inngest) {
  return [
    inngest.createFunction({ id: "hold", triggers: [{ event: "ep/hold" }] }, async ({ step }) => {
      await step.run("held", async () => {
        holding++;
        await gate;
      });
      return "released";
    }),
    inngest.createFunction({ id: "quick", triggers: [{ event: "ep/quick" }] }, async ({ step }) => step.run("only", () => "done")),
  ];
}

describe("an app served from more than one endpoint", () => {
  let h: Harness;
  let other: Server;
  const otherCalls: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ appId: "ep", functions });
    const handler = serve({ client: h.inngest, functions: functions(h.inngest) });
    other = createServer((req, res) => {
      if (req.method === "POST") otherCalls.push(new URL(req.url ?? "/", "http://other.local").searchParams.get("fnId") ?? "");
      return handler(req, res);
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    h.engine.addEndpoint(h.appUrl, `http://127.0.0.1:${(other.address() as AddressInfo).port}/api/inngest`);
  });
  afterAll(async () => {
    opened();
    await h.close();
    await new Promise<void>((resolve) => {
      other.close(() => resolve());
      other.closeAllConnections();
    });
  });

  it("sends a call to the registered endpoint while it has nothing in flight", async () => {
    await h.engine.send({ name: "ep/quick", data: {} });
    await finishedRuns(h.db, "ep-quick");
    expect(h.appCalls.filter((id) => id === "ep-quick")).toHaveLength(1);
    expect(otherCalls).toEqual([]);
  });

  it("sends a call to the other endpoint while the registered one is busy", async () => {
    await h.engine.send({ name: "ep/hold", data: { n: 1 } });
    await until(() => holding === 1, 10_000, "the first held step");
    await h.engine.send({ name: "ep/hold", data: { n: 2 } });
    await until(() => holding === 2, 10_000, "the second held step");
    expect(h.appCalls.filter((id) => id === "ep-hold")).toHaveLength(1);
    expect(otherCalls).toEqual(["ep-hold"]);
    opened();
    const runs = await finishedRuns(h.db, "ep-hold", 2);
    expect(runs.map((run) => run.output)).toEqual(["released", "released"]);
  });
});
