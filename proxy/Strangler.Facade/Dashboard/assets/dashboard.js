// The migration dashboard: reads the façade's admin API (the same numbers the metrics and the
// guardrails use) every two seconds, and changes a capability through the same API as the CLI.
"use strict";

const api = "/strangler/api";
const windowSeconds = 300;
const state = { key: sessionStorage.getItem("strangler-key") || "", capabilities: [], changing: null };
const $ = (id) => document.getElementById(id);

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

async function call(path, options = {}) {
  const headers = { "Accept": "application/json", ...(options.headers || {}) };
  if (state.key) headers["Authorization"] = "Bearer " + state.key;
  const response = await fetch(api + path, { ...options, headers });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(body && (body.detail || body.title) || ("HTTP " + response.status));
    error.status = response.status;
    error.problem = body;
    throw error;
  }
  return body;
}

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", !!isError);
}

const percent = (value) => (value * 100).toFixed(1) + "%";
const number = (value) => value === null || value === undefined ? "–" : String(value);

// The migration's state (routes whose capability is in Service mode) and the recent traffic share are
// two bars: a rollback empties the first at once, while the second only ages out over its window.
function renderProgress(progress) {
  const onServices = progress.routes === 0 ? 0 : Math.round(progress.routesOnServices / progress.routes * 1000) / 10;
  $("progress-fill").style.width = onServices + "%";
  $("progress-bar").setAttribute("aria-valuenow", String(onServices));
  const modes = Object.entries(progress.capabilitiesByMode || {}).filter(([, count]) => count > 0)
    .map(([mode, count]) => `${mode} ${count}`).join(", ");
  $("progress-text").textContent =
    `${progress.routesOnServices} of ${progress.routes} manifest routes belong to capabilities in Service mode (${onServices}%). Capabilities by mode: ${modes || "none"}.`;
  const share = Math.round(progress.servedByServices * 1000) / 10;
  $("traffic-fill").style.width = share + "%";
  $("traffic-bar").setAttribute("aria-valuenow", String(share));
  $("traffic-text").textContent =
    `Services answered ${share}% of ${progress.requests} proxied requests in the last ${Math.round(progress.windowSeconds / 60)} minutes.`;
}

// Why a side is not healthy, from its destinations: failed under traffic, or what the last probe got.
function healthReason(health, cluster, destinations) {
  if (health === "Healthy" || !destinations) return "";
  const reasons = destinations.filter(d => d.cluster === cluster)
    .map(d => d.passive === "Unhealthy" ? "failed under traffic" : d.lastProbe ? `probe ${d.lastProbe}` : null)
    .filter(r => r);
  return reasons.length ? `: ${reasons[0]}` : "";
}

function sideCells(side, health, destinations) {
  const healthClass = health === "Healthy" ? "healthy" : health === "Unhealthy" ? "unhealthy" : "";
  return `<td>${escapeHtml(side.cluster)}</td><td class="${healthClass}">${escapeHtml(health + healthReason(health, side.cluster, destinations))}</td>` +
    `<td>${side.requestsPerSecond}</td><td>${percent(side.share)}</td>` +
    `<td class="${side.errorRate > 0 ? "bad" : ""}">${percent(side.errorRate)}</td><td>${number(side.p50Ms)}</td><td>${number(side.p99Ms)}</td>`;
}

function renderCapabilities(capabilities, traffic) {
  const rows = capabilities.map((capability, index) => {
    const t = traffic[index];
    const s = capability.state;
    const targets = s.mode === "Canary"
      ? `${s.percentage}%` + targetsOf(s)
      : "–";
    const name = escapeHtml(capability.name);
    return `<tr class="first" data-capability="${name}">` +
      `<th scope="rowgroup" rowspan="2">${name}</th>` +
      `<td rowspan="2"><span class="badge mode-${escapeHtml(s.mode)}">${escapeHtml(s.mode)}</span></td>` +
      `<td rowspan="2">${escapeHtml(targets)}</td>` +
      sideCells(t.legacy, capability.legacyHealth, capability.destinations) +
      `<td rowspan="2">${t.compared}</td><td rowspan="2" class="${t.mismatchRate > 0 ? "bad" : ""}">${percent(t.mismatchRate)}</td>` +
      `<td rowspan="2"><button type="button" data-change="${name}">Change…</button></td></tr>` +
      `<tr>${sideCells(t.service, capability.serviceHealth, capability.destinations)}</tr>`;
  });
  $("capabilities").tBodies[0].innerHTML = rows.join("");
}

function renderMismatches(mismatches) {
  $("mismatches").innerHTML = mismatches.length === 0
    ? "<li>None stored.</li>"
    : mismatches.map((m) =>
        `<li><button type="button" data-mismatch="${m.id}">#${m.id} ${escapeHtml(m.capability)} ${escapeHtml(m.method)} ${escapeHtml(m.target)}</button> ` +
        `— ${m.legacyStatus}→${m.candidateStatus}, ${m.differenceCount} difference(s): ${escapeHtml(m.firstDifference)}</li>`).join("");
}

// What an operator must act on: a configuration the façade rejected, and dry runs a service did not honour.
function renderAlerts(manifest, comparisons) {
  const alerts = [];
  if (manifest.lastReloadError) {
    alerts.push(`<li>Configuration rejected at ${escapeHtml(manifest.lastReloadAt.replace("T", " ").slice(0, 19))}: ` +
      `${escapeHtml(manifest.lastReloadError)} Revision ${manifest.revision} keeps serving.</li>`);
  }
  for (const c of comparisons.filter((c) => c.dryRunsNotHonoured > 0)) {
    const name = escapeHtml(c.capability);
    alerts.push(`<li>Dry run not honoured: ${c.dryRunsNotHonoured} dry-run cop${c.dryRunsNotHonoured === 1 ? "y" : "ies"} of ${name} ` +
      `came back without an acknowledgement; the other side may have written for real. ` +
      (c.writeCopiesStopped
        ? `Write copies are stopped.<button type="button" data-resume="${name}">Resume write copies of ${name}</button>`
        : "Write copies were resumed.") + "</li>");
  }
  $("alerts").innerHTML = alerts.join("");
}

// The users and groups a canary always sends to the service, as the Targets column and the audit show them.
function targetsOf(s) {
  return (s.users.length ? ` · users ${s.users.join(", ")}` : "") + (s.groups.length ? ` · groups ${s.groups.join(", ")}` : "");
}

// "a, b ,, c" → ["a", "b", "c"]: what an operator types into a list field.
function listOf(text) {
  return text.split(",").map((item) => item.trim()).filter((item) => item.length > 0);
}

function renderAudit(entries) {
  const describe = (s) => s ? s.mode + (s.mode === "Canary" ? ` ${s.percentage}%` + targetsOf(s) : "") : "(initial)";
  $("audit").tBodies[0].innerHTML = entries.map((e) =>
    `<tr><td>${escapeHtml(e.at.replace("T", " ").slice(0, 19))}</td><td>${escapeHtml(e.who)}</td><td>${escapeHtml(e.capability)}</td>` +
    `<td>${escapeHtml(describe(e.before))}</td><td>${escapeHtml(describe(e.after))}</td><td class="reason">${escapeHtml(e.reason)}</td></tr>`).join("");
}

// JSON pretty-printed with the differing places (JSON pointers) marked.
function renderJson(value, pointer, marked, indent) {
  const pad = "  ".repeat(indent);
  let html;
  if (Array.isArray(value)) {
    html = value.length === 0 ? "[]" : "[\n" + value.map((item, i) =>
      pad + "  " + renderJson(item, pointer + "/" + i, marked, indent + 1)).join(",\n") + "\n" + pad + "]";
  } else if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    html = keys.length === 0 ? "{}" : "{\n" + keys.map((key) =>
      pad + "  " + escapeHtml(JSON.stringify(key)) + ": " +
      renderJson(value[key], pointer + "/" + key.replace(/~/g, "~0").replace(/\//g, "~1"), marked, indent + 1)).join(",\n") + "\n" + pad + "}";
  } else {
    html = escapeHtml(JSON.stringify(value));
  }
  return marked.has(pointer) ? `<mark title="differs at ${escapeHtml(pointer || "/")}">${html}</mark>` : html;
}

function showBody(element, text, marked) {
  try {
    element.innerHTML = renderJson(JSON.parse(text), "", marked, 0);
  } catch {
    element.textContent = text || "(empty)";
  }
}

async function openMismatch(id) {
  const m = await call(`/mismatches/${id}`);
  $("diff").hidden = false;
  $("diff").dataset.mismatch = String(m.id);
  $("diff-export-status").textContent = "";
  $("diff-title").textContent = `Mismatch #${m.id}: ${m.capability} ${m.method} ${m.target} (${m.legacyStatus} → ${m.candidateStatus})`;
  $("diff-table").tBodies[0].innerHTML = m.differences.map((d) =>
    `<tr><td>${escapeHtml(d.where || "/")}</td><td>${escapeHtml(d.legacy ?? "(none)")}</td><td>${escapeHtml(d.candidate ?? "(none)")}</td></tr>`).join("");
  const marked = new Set(m.differences.map((d) => d.where).filter((w) => w === "" || w.startsWith("/")));
  showBody($("diff-legacy"), m.legacyBody, marked);
  showBody($("diff-candidate"), m.candidateBody, marked);
}

function renderCharts(histories) {
  $("charts").innerHTML = histories.map((history) =>
    `<section class="chart-group" data-capability="${escapeHtml(history.capability)}" aria-label="${escapeHtml(history.capability)}, last hour">` +
    `<h3>${escapeHtml(history.capability)}</h3><div class="charts">${window.stranglerCharts.historyCharts(history)}</div></section>`).join("");
}

// The same file 'strangler mismatches export --format xunit' writes, saved by the browser.
async function exportGoldenCase() {
  const id = $("diff").dataset.mismatch;
  const headers = { "Accept": "application/json" };
  if (state.key) headers["Authorization"] = "Bearer " + state.key;
  const response = await fetch(`${api}/mismatches/${id}/golden-case`, { headers });
  const text = await response.text();
  if (!response.ok) {
    const problem = text ? JSON.parse(text) : null;
    $("diff-export-status").textContent = (problem && (problem.detail || problem.title)) || ("HTTP " + response.status);
    return;
  }
  const name = (/filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "") || [])[1] || `mismatch-${id}.json`;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
  $("diff-export-status").textContent = `Saved ${name}: run it with Strangler.GoldenCases (docs/03).`;
}

async function refresh() {
  try {
    const capabilities = await call("/capabilities");
    const [progress, mismatches, audit, manifest, ...perCapability] = await Promise.all([
      call(`/progress?window=${windowSeconds}`),
      call("/mismatches?limit=10"),
      call("/audit?limit=20"),
      call("/manifest"),
      ...capabilities.map((c) => call(`/capabilities/${encodeURIComponent(c.name)}/traffic?window=${windowSeconds}`)),
      ...capabilities.map((c) => call(`/capabilities/${encodeURIComponent(c.name)}/comparison`)),
      ...capabilities.map((c) => call(`/capabilities/${encodeURIComponent(c.name)}/history`)),
    ]);
    const traffic = perCapability.slice(0, capabilities.length);
    renderCharts(perCapability.slice(2 * capabilities.length));
    state.capabilities = capabilities;
    renderAlerts(manifest, perCapability.slice(capabilities.length, 2 * capabilities.length));
    renderProgress(progress);
    renderCapabilities(capabilities, traffic);
    renderMismatches(mismatches);
    renderAudit(audit);
    setStatus(`Updated ${new Date().toLocaleTimeString()} · refreshes every 2 s`);
  } catch (error) {
    setStatus(error.status === 401
      ? "The admin API needs the admin key: enter it above."
      : `Could not read the admin API: ${error.message}`, true);
  }
}

function openChange(name) {
  const capability = state.capabilities.find((c) => c.name === name);
  if (!capability) return;
  state.changing = capability;
  $("change-name").textContent = name;
  $("change-mode").value = capability.state.mode;
  $("change-percentage").value = capability.state.percentage;
  $("change-users").value = capability.state.users.join(", ");
  $("change-groups").value = capability.state.groups.join(", ");
  $("change-reason").value = "";
  $("change-error").textContent = "";
  $("change-dialog").showModal();
  $("change-reason").focus();
}

async function applyChange(event) {
  event.preventDefault();
  const capability = state.changing;
  const mode = $("change-mode").value;
  const body = { mode, reason: $("change-reason").value, expectedVersion: capability.version };
  if (mode === "Canary") {
    body.percentage = Number($("change-percentage").value);
    body.users = listOf($("change-users").value);
    body.groups = listOf($("change-groups").value);
  }
  try {
    const view = await call(`/capabilities/${encodeURIComponent(capability.name)}`, {
      method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    $("change-dialog").close();
    $("last-change").textContent =
      `${view.name} is now ${view.state.mode}${view.state.mode === "Canary" ? " " + view.state.percentage + "%" + targetsOf(view.state) : ""} (version ${view.version}).`;
    await refresh();
  } catch (error) {
    const fields = error.problem && error.problem.errors ? " " + Object.values(error.problem.errors).flat().join(" ") : "";
    $("change-error").textContent = (error.status === 401 ? "Refused: the admin key is missing or wrong." : error.message) + fields;
  }
}

$("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.key = $("key").value.trim();
  sessionStorage.setItem("strangler-key", state.key);
  refresh();
});
$("capabilities").addEventListener("click", (event) => {
  const name = event.target.getAttribute && event.target.getAttribute("data-change");
  if (name) openChange(name);
});
$("diff-export").addEventListener("click", () => exportGoldenCase().catch((error) => { $("diff-export-status").textContent = error.message; }));

$("mismatches").addEventListener("click", (event) => {
  const id = event.target.getAttribute && event.target.getAttribute("data-mismatch");
  if (id) openMismatch(id).catch((error) => setStatus(error.message, true));
});
$("alerts").addEventListener("click", (event) => {
  const name = event.target.getAttribute && event.target.getAttribute("data-resume");
  if (!name) return;
  call(`/capabilities/${encodeURIComponent(name)}/comparison/resume-writes`, { method: "POST" })
    .then(() => { $("last-change").textContent = `Write copies of ${name} resumed.`; return refresh(); })
    .catch((error) => setStatus(error.message, true));
});
$("change-form").addEventListener("submit", applyChange);
$("change-cancel").addEventListener("click", () => $("change-dialog").close());
$("key").value = state.key;
refresh();
setInterval(refresh, 2000);
