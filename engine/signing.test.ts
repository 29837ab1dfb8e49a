import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, migrateEngine } from "./index";
import { signBody } from "./signing";
import { finishedRuns, startHarness, tempDbUrl, type Harness } from "./test-support/harness";

const signingKey = "signkey-test-8f3a1c0d9e7b6a5f4e3d2c1b0a998877";
const eventKey = "test-event-key";
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    appId: "cloud",
    cloud: { signingKey, eventKey },
    functions: (inngest) => [
      inngest.createFunction({ id: "signed", triggers: [{ event: "cloud/go" }] }, async ({ step, event }) => {
        const n = await step.run("double", () => (event.data as { n: number }).n * 2);
        await step.sleep("pause", "50ms");
        return { n };
      }),
    ],
  });
});

afterAll(async () => {
  await h.close();
});

describe("signing (SDK in cloud mode)", () => {
  it("runs a function whose serve endpoint verifies every call", async () => {
    await h.inngest.send({ name: "cloud/go", data: { n: 21 } });
    const [run] = await finishedRuns(h.db, "cloud-signed");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ n: 42 });
  });

  it("the app rejects unsigned and wrongly signed calls", async () => {
    const body = JSON.stringify({
      event: { name: "cloud/go", data: { n: 1 } },
      events: [],
      steps: {},
      ctx: { run_id: "x", attempt: 0, stack: { stack: [], current: 0 } },
      version: 2,
    });
    const url = `${h.appUrl}?fnId=cloud-signed&stepId=step`;
    const unsigned = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(unsigned.status).toBe(401);
    const wrong = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-signature": signBody(body, "signkey-test-00000000") },
      body,
    });
    expect(wrong.status).toBe(401);
  });

  it("an engine with the wrong key cannot sync the app", async () => {
    const db = createClient({ url: tempDbUrl("engine-wrong-key") });
    await migrateEngine(db);
    const engine = createEngine({ client: db, signingKey: "signkey-test-deadbeef" });
    await expect(engine.registerApp(h.appUrl)).rejects.toThrow(/401/);
    db.close();
  });

  it("checks the event key on ingest", async () => {
    const res = await fetch(`${h.engineUrl}/e/wrong-key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "cloud/go", data: { n: 1 } }),
    });
    expect(res.status).toBe(401);
  });
});
