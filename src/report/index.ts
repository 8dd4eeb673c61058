export { type GateEvidence, parseGateEvidence } from './commit-evidence.js';
export {
  type ConsoleOptions,
  ConsoleReporter,
  consoleOptionsFor,
  type FormatOptions,
  formatEvent,
  JsonReporter,
  jsonLine,
  type LogSections,
  systemTicker,
  type Ticker,
} from './console.js';
export { dotenvText, type ReleaseFacts, sanitizeDotenvValue } from './dotenv.js';
export {
  EventLog,
  JSON_LINE_TYPES,
  type Outcome,
  type ReleaseEvent,
  type Reporter,
  teeReporter,
} from './events.js';
export {
  EVIDENCE_LINE_LIMIT,
  EVIDENCE_MESSAGE_LIMIT,
  sanitizeEvidence,
  sanitizeEvidenceLine,
  sanitizeGateResult,
} from './evidence.js';
export { checkReportPath, ReportFiles, type ReportFilesOptions } from './files.js';
export { colorEnabled, describeUntil, humanDuration, localTime, relativeTime } from './format.js';
export { type JunitCase, junitXml } from './junit.js';
export { maskSecrets, onSecret, registerSecret, registerUrlCredentials, secretFromEnv } from './secrets.js';
export { recordedVerdicts, renderStatus, type StatusRenderOptions } from './status.js';
export { renderTemplate } from './templates.js';
