import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  TEMPLATE_CHECK_CONTEXT,
  contextValues,
  limitsFrom,
  renderTemplate,
  runMeasurements,
  shellQuote
} from "./chunk-O3G3HMHV.js";
import "./chunk-XS2OQZ4O.js";
import "./chunk-DDVRK4SU.js";
import "./chunk-KGKE37OE.js";
import {
  commandConfigSchema,
  parseDuration,
  parseGateConfig
} from "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/gates/command.ts
var OUTPUT_TAIL_LINES = 20;
var CommandGate = class {
  constructor(name, config) {
    this.name = name;
    this.config = parseGateConfig(commandConfigSchema, config, "command");
    this.intervalMs = parseDuration(this.config.interval, "command.interval");
    this.timeoutMs = parseDuration(this.config.timeout, "command.timeout");
    this.renderCommand(TEMPLATE_CHECK_CONTEXT);
  }
  name;
  kind = "command";
  config;
  intervalMs;
  timeoutMs;
  /** The shell command for `context`, every value shell-quoted. */
  renderCommand(context) {
    return renderTemplate(this.config.command, contextValues(context), shellQuote, "command.command");
  }
  async evaluate(context) {
    const threshold = "exit 0";
    let command;
    try {
      command = this.renderCommand(context);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const outcome = await runMeasurements(
      () => this.run(command, context.signal, context.cwd),
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${firstLine(measurement.message)}`),
      context.clock
    );
    return { gate: this.name, kind: this.kind, threshold, ...outcome };
  }
  async run(command, signal, cwd) {
    signal.throwIfAborted();
    const { $ } = await import("./build-7JGQE7QV.js");
    signal.throwIfAborted();
    const child = $({
      nothrow: true,
      quiet: true,
      verbose: false,
      detached: true,
      env: { ...process.env, ...this.config.env },
      ...cwd === void 0 ? {} : { cwd }
    })`bash -c ${command}`;
    const group = child.pid;
    if (group !== void 0) liveGroups.add(group);
    let timedOut = false;
    let grace;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(group, "SIGKILL");
    }, this.timeoutMs);
    const onAbort = () => {
      killGroup(group, "SIGTERM");
      grace = setTimeout(() => killGroup(group, "SIGKILL"), KILL_GRACE_MS);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    let output;
    try {
      output = await child;
    } finally {
      clearTimeout(timer);
      clearTimeout(grace);
      signal.removeEventListener("abort", onAbort);
      if (group !== void 0) liveGroups.delete(group);
    }
    signal.throwIfAborted();
    const at = (/* @__PURE__ */ new Date()).toISOString();
    const tail = outputTail(output.stdall);
    if (timedOut) {
      killGroup(group, "SIGKILL");
      return {
        verdict: "fail",
        value: "timeout",
        message: maskSecrets(`timed out after ${this.config.timeout}${tail}`),
        at
      };
    }
    const code = output.exitCode;
    const value = code ?? `signal ${output.signal ?? "unknown"}`;
    return {
      verdict: code === 0 ? "pass" : "fail",
      value,
      message: maskSecrets(`${code === null ? `killed by ${value}` : `exit ${code}`}${tail}`),
      at
    };
  }
};
var KILL_GRACE_MS = 3e3;
var liveGroups = /* @__PURE__ */ new Set();
process.on("exit", () => {
  for (const group of liveGroups) killGroup(group, "SIGKILL");
});
function killGroup(pid, signal) {
  if (pid === void 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
function outputTail(output) {
  const lines = output.replace(/\s+$/, "").split("\n");
  if (lines.length === 1 && lines[0] === "") return "";
  const kept = lines.slice(-OUTPUT_TAIL_LINES);
  const skipped = lines.length - kept.length;
  return `
${skipped > 0 ? `  \u2026 ${skipped} lines
` : ""}${kept.map((line) => `  ${line}`).join("\n")}`;
}
function firstLine(text) {
  return text.split("\n", 1)[0] ?? "";
}
export {
  CommandGate
};
