import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  renderFile
} from "./chunk-XS2OQZ4O.js";
import {
  gateConfigSchema
} from "./chunk-RQCOFY3H.js";

// src/notify/wanted.ts
function parsedGates(gates) {
  return Object.fromEntries(
    Object.entries(gates).flatMap(([name, gate]) => {
      const parsed = gateConfigSchema.safeParse(gate);
      return parsed.success ? [[parsed.data.name ?? name, parsed.data]] : [];
    })
  );
}
function eventWebhooksOf(gates) {
  return Object.entries(gates).flatMap(
    ([name, gate]) => "webhook" in gate && gate.webhook.type === "event" ? [{ name, config: gate.webhook }] : []
  );
}
function notifiesAnything(config, gates) {
  return (config.spec.notifications?.triggers ?? []).length > 0 || (config.spec.analysis?.alerts ?? []).length > 0 || eventWebhooksOf(parsedGates(gates)).length > 0;
}

// src/report/templates.ts
function renderTemplate(name, context) {
  return renderFile(name, context);
}

export {
  parsedGates,
  eventWebhooksOf,
  notifiesAnything,
  renderTemplate
};
