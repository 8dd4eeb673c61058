export { ConsoleReporter, formatEvent, JsonReporter } from './console.js';
export { EventLog, type Outcome, type ReleaseEvent, type Reporter } from './events.js';
export {
  EVIDENCE_LINE_LIMIT,
  EVIDENCE_MESSAGE_LIMIT,
  sanitizeEvidence,
  sanitizeEvidenceLine,
  sanitizeGateResult,
} from './evidence.js';
export { maskSecrets, registerSecret, registerUrlCredentials, secretFromEnv } from './secrets.js';
export { renderTemplate } from './templates.js';
