// Time-series charts for the dashboard, drawn as inline SVG with no library: the page must work
// where there is no network, and three line charts need little. Each series is a polyline (and a dot
// per point, so a lone point shows) tagged data-series; each event a vertical line tagged data-event.
"use strict";

const chartWidth = 600;
const chartHeight = 170;
const margin = { left: 46, right: 10, top: 10, bottom: 24 };

function svgEscape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  return [1, 2, 2.5, 5, 10].map((step) => step * power).find((step) => step >= value);
}

// series: [{ name, className, dashed, points: [[Date, number]] }]; events: [{ at: Date, kind, text }]
function lineChart({ id, title, unit, from, to, series, events, format }) {
  const plotWidth = chartWidth - margin.left - margin.right;
  const plotHeight = chartHeight - margin.top - margin.bottom;
  const span = Math.max(1, to - from);
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p[1]))));
  const x = (time) => margin.left + ((time - from) / span) * plotWidth;
  const y = (value) => margin.top + plotHeight - (value / max) * plotHeight;
  const show = format || ((value) => String(+value.toFixed(2)));

  const grid = [0, 0.5, 1].map((f) =>
    `<line class="grid" x1="${margin.left}" x2="${chartWidth - margin.right}" y1="${y(max * f)}" y2="${y(max * f)}"/>` +
    `<text class="tick" x="${margin.left - 4}" y="${y(max * f) + 4}" text-anchor="end">${svgEscape(show(max * f))}</text>`).join("");
  const minutes = Math.round(span / 60000);
  const axis = [0, 0.5, 1].map((f) =>
    `<text class="tick" x="${margin.left + f * plotWidth}" y="${chartHeight - 6}" text-anchor="${f === 0 ? "start" : f === 1 ? "end" : "middle"}">` +
    `${f === 1 ? "now" : "−" + Math.round(minutes * (1 - f)) + " min"}</text>`).join("");
  const marks = events.filter((e) => e.at >= from && e.at <= to).map((e) =>
    `<line class="event event-${svgEscape(e.kind)}" data-event="${svgEscape(e.kind)}" x1="${x(e.at)}" x2="${x(e.at)}" y1="${margin.top}" y2="${margin.top + plotHeight}">` +
    `<title>${svgEscape(e.at.toLocaleTimeString() + " " + e.text)}</title></line>`).join("");
  const lines = series.filter((s) => s.points.length > 0).map((s) =>
    `<g class="series ${s.className}${s.dashed ? " dashed" : ""}" data-series="${svgEscape(s.name)}" data-points="${s.points.length}">` +
    `<polyline points="${s.points.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(" ")}"/>` +
    s.points.map((p) => `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="2"><title>${svgEscape(`${s.name}: ${show(p[1])} ${unit} at ${p[0].toLocaleTimeString()}`)}</title></circle>`).join("") +
    "</g>").join("");
  const legend = series.filter((s) => s.points.length > 0).map((s) =>
    `<li><span class="swatch ${s.className}${s.dashed ? " dashed" : ""}"></span>${svgEscape(s.name)}</li>`).join("");
  const empty = series.every((s) => s.points.length === 0)
    ? `<text class="empty" x="${margin.left + plotWidth / 2}" y="${margin.top + plotHeight / 2}" text-anchor="middle">no traffic in the last hour</text>` : "";

  return `<figure class="chart" data-chart="${svgEscape(id)}">` +
    `<figcaption>${svgEscape(title)} <span class="sub">${svgEscape(unit)}</span></figcaption>` +
    `<svg viewBox="0 0 ${chartWidth} ${chartHeight}" role="img" aria-label="${svgEscape(title)}, last hour">${grid}${axis}${marks}${lines}${empty}</svg>` +
    `<ul class="legend">${legend}</ul></figure>`;
}

// One capability's last hour (GET /strangler/api/capabilities/{name}/history) as three charts.
function historyCharts(history) {
  const from = new Date(history.from), to = new Date(history.to);
  const events = history.events.map((e) => ({ at: new Date(e.at), kind: e.kind, text: e.text }));
  const className = (side) => "s-" + side.role;
  const rps = history.sides.map((side) => ({
    name: side.role === "shadow" ? "shadow copies" : `${side.side} (${side.role})`,
    className: className(side),
    points: side.points.map((p) => [new Date(p.at), p.requestsPerSecond]),
  }));
  const latency = history.sides.flatMap((side) => ["p50", "p99"].map((q) => ({
    name: `${side.role === "shadow" ? "shadow" : side.side} ${q}`,
    className: className(side),
    dashed: q === "p99",
    points: side.points.filter((p) => p[q + "Ms"] !== null).map((p) => [new Date(p.at), p[q + "Ms"]]),
  })));
  const mismatch = [{
    name: "mismatch rate",
    className: "s-mismatch",
    points: history.mismatches.map((m) => [new Date(m.at), m.rate * 100]),
  }];
  return lineChart({ id: "rps", title: "Requests per second", unit: "req/s", from, to, series: rps, events }) +
    lineChart({ id: "mismatch", title: "Mismatch rate", unit: "% of copies compared", from, to, series: mismatch, events, format: (v) => v.toFixed(v < 10 ? 1 : 0) + "%" }) +
    lineChart({ id: "latency", title: "Latency", unit: "ms", from, to, series: latency, events });
}

window.stranglerCharts = { historyCharts };
