export { ConsoleReporter, formatEvent, JsonReporter } from './console.js';
export { EventLog, type Outcome, type ReleaseEvent, type Reporter } from './events.js';
export { maskSecrets, onSecret, registerSecret, registerUrlCredentials, secretFromEnv } from './secrets.js';
export { renderTemplate } from './templates.js';
