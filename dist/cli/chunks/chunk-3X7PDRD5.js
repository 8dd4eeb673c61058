import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);

// src/gates/judge/report.ts
function formatThresholds(thresholds) {
  return `pass >= ${thresholds.pass}, marginal >= ${thresholds.marginal}`;
}
function formatJudgment(judgment) {
  const passing = judgment.metrics.filter((metric) => metric.classification === "Pass").length;
  const head = [
    `score ${formatScore(judgment.score)} (${formatThresholds(judgment.thresholds)}): ${judgment.verdict}`,
    `${passing} of ${judgment.metrics.length} metrics pass`
  ];
  if (judgment.criticalFailures.length > 0) {
    const failed = judgment.metrics.filter((metric) => judgment.criticalFailures.includes(metric.name));
    head.push(`critical ${failed.map((metric) => `${metric.name} ${metric.classification}`).join(", ")}`);
  }
  if (judgment.groups.length > 1) {
    const groups = judgment.groups.map(
      (group) => `${group.name} ${group.noData ? "no data" : formatScore(group.score)} \xD7 ${formatScore(group.weight)}%`
    );
    head.push(`groups ${groups.join(", ")}`);
  }
  const confidence = `${Number((judgment.confidence * 100).toPrecision(4))}%`;
  const rows = [
    [
      "metric",
      "result",
      "canary median",
      "baseline median",
      `shift [${confidence} interval]`,
      "p-value",
      "change",
      "samples"
    ],
    ...judgment.metrics.map((metric) => [
      `${metric.name}${metric.critical ? " (critical)" : ""}`,
      metric.classification,
      formatNumber(metric.canary.summary.median),
      formatNumber(metric.baseline.summary.median),
      metric.shift === void 0 ? "-" : `${signed(metric.shift.estimate)} [${signed(metric.shift.lower)}, ${signed(metric.shift.upper)}]`,
      metric.pValue === void 0 ? "-" : formatPValue(metric.pValue),
      metric.relativeChange === void 0 ? "-" : formatChange(metric.relativeChange),
      `${metric.canary.summary.used}/${metric.baseline.summary.used}`
    ])
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const table = rows.map(
    (row) => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()}`
  );
  const notes = judgment.metrics.filter((metric) => metric.classification !== "Pass" || metric.reason.startsWith("difference within")).map((metric) => `  ${metric.name}: ${metric.reason}`);
  if (judgment.baselineNote !== void 0) notes.push(`  baseline: ${judgment.baselineNote}`);
  return [head.join("; "), ...table, ...notes].join("\n");
}
function formatScore(score) {
  return String(Number(score.toFixed(1)));
}
function formatNumber(value) {
  return Number.isNaN(value) ? "-" : String(Number(value.toPrecision(3)));
}
function formatPValue(p) {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
var TABLE_HEADER = /^metric\s{2,}result\s{2,}canary median\s{2,}baseline median\s{2,}shift \[(.+) interval\]/;
function parseJudgment(message) {
  const lines = message.split(/\r?\n/).map((line) => line.trim());
  const at = lines.findIndex((line) => TABLE_HEADER.test(line));
  if (at < 1) return void 0;
  const confidence = TABLE_HEADER.exec(lines[at])?.[1] ?? "";
  const rows = [];
  let next = at + 1;
  for (; next < lines.length; next++) {
    const cells = lines[next].split(/\s{2,}/);
    if (cells.length !== 8) break;
    const [
      name = "",
      classification = "",
      canaryMedian = "",
      baselineMedian = "",
      shift = "",
      pValue = "",
      change = "",
      samples = ""
    ] = cells;
    const critical = name.endsWith(" (critical)");
    rows.push({
      metric: critical ? name.slice(0, -" (critical)".length) : name,
      critical,
      classification,
      canaryMedian,
      baselineMedian,
      shift,
      pValue,
      change,
      samples
    });
  }
  const rest = lines.slice(next).filter((line) => line !== "");
  const baseline = rest.find((line) => line.startsWith("baseline: "))?.slice("baseline: ".length);
  return {
    headline: lines.slice(0, at).join("; "),
    confidence,
    rows,
    notes: rest.filter((line) => !line.startsWith("baseline: ")),
    baseline,
    comparedWith: baseline === void 0 ? void 0 : baseline.startsWith("compared the canary with the stable pods") ? "stable" : "baseline"
  };
}
function signed(value) {
  if (value === 0) return "0";
  const text = Number(Math.abs(value).toPrecision(3)).toString();
  return value > 0 ? `+${text}` : `-${text}`;
}
function formatChange(change) {
  if (!Number.isFinite(change)) return change > 0 ? "+inf%" : "-inf%";
  const value = Number((change * 100).toPrecision(3));
  return `${value >= 0 ? "+" : ""}${value}%`;
}

export {
  formatThresholds,
  formatJudgment,
  formatScore,
  parseJudgment,
  signed,
  formatChange
};
