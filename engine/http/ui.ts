/** The runs page: a static shell that renders from the `/v0/` API. */
export const RUNS_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Engine runs</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
pre{margin:0;max-width:60ch;white-space:pre-wrap;font-size:12px}
.completed{color:#176f2c}.failed{color:#b00020}.cancelled{color:#777}.running,.queued{color:#1a4fa0}
tr.run{cursor:pointer}
</style></head><body>
<h1>Runs</h1>
<div id="detail"></div>
<h2>Runs</h2><table id="runs"></table>
<h2>Events</h2><table id="events"></table>
<script>
const esc = (v) => String(v ?? "").replace(/[&<>"]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));
const json = (v) => "<pre>" + esc(JSON.stringify(v, null, 1)) + "</pre>";
const time = (t) => t ? new Date(t).toISOString().replace("T", " ").slice(0, 23) : "";
async function load() {
  const [runs, events] = await Promise.all([fetch("v0/runs?limit=100").then(r => r.json()), fetch("v0/events?limit=50").then(r => r.json())]);
  document.getElementById("runs").innerHTML = "<tr><th>run</th><th>function</th><th>status</th><th>created</th><th>ended</th></tr>" +
    runs.data.map(r => '<tr class="run" data-id="' + esc(r.id) + '"><td>' + esc(r.id) + "</td><td>" + esc(r.functionId) + '</td><td class="' + esc(r.status) + '">' + esc(r.status) + "</td><td>" + time(r.createdAt) + "</td><td>" + time(r.endedAt) + "</td></tr>").join("");
  document.getElementById("events").innerHTML = "<tr><th>id</th><th>name</th><th>received</th><th>data</th></tr>" +
    events.data.map(e => "<tr><td>" + esc(e.id) + "</td><td>" + esc(e.name) + "</td><td>" + time(e.receivedAt) + "</td><td>" + json(e.data) + "</td></tr>").join("");
  document.querySelectorAll("tr.run").forEach(tr => tr.onclick = () => show(tr.dataset.id));
}
async function show(id) {
  const run = (await fetch("v0/runs/" + encodeURIComponent(id)).then(r => r.json())).data;
  const replay = run.status === "failed" ? '<button id="replay">Replay triggering event</button>' : "";
  document.getElementById("detail").innerHTML = "<h2>Run " + esc(run.id) + ' <span class="' + esc(run.status) + '">' + esc(run.status) + "</span> " + replay + "</h2>" +
    "<p>function " + esc(run.functionId) + "</p>" + (run.error ? "<h3>Error</h3>" + json(run.error) : "") + (run.output !== null ? "<h3>Output</h3>" + json(run.output) : "") +
    "<h3>Steps</h3><table><tr><th>step</th><th>op</th><th>status</th><th>attempts</th><th>started</th><th>ended</th><th>output / error</th></tr>" +
    run.steps.map(s => "<tr><td>" + esc(s.name || s.id) + "</td><td>" + esc(s.op) + '</td><td class="' + esc(s.status) + '">' + esc(s.status) + "</td><td>" + s.attempts + "</td><td>" + time(s.startedAt) + "</td><td>" + time(s.endedAt) + "</td><td>" + json(["completed", "failed"].includes(s.status) ? (s.error ?? s.output) : { pending: s.detail, lastError: s.error }) + "</td></tr>").join("") + "</table>" +
    "<h3>Waits</h3><table><tr><th>step</th><th>event</th><th>if</th><th>deadline</th></tr>" +
    run.waits.map(w => "<tr><td>" + esc(w.stepId) + "</td><td>" + esc(w.event) + "</td><td>" + esc(w.if) + "</td><td>" + time(w.expiresAt) + "</td></tr>").join("") + "</table>" +
    "<h3>Event</h3>" + json(run.event);
  const button = document.getElementById("replay");
  if (button) button.onclick = async () => { await fetch("v0/runs/" + encodeURIComponent(id) + "/replay", { method: "POST" }); load(); };
}
load(); setInterval(load, 3000);
</script></body></html>`;
