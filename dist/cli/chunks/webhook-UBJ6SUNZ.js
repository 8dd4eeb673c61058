import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  FLAGGER_BACKOFF,
  WebhookGate,
  callWebhook,
  eventPayload,
  flaggerAccepts,
  retryableStatus,
  webhookChecksum,
  webhookFiresAt,
  webhookPayload
} from "./chunk-BMZOPLSF.js";
import "./chunk-5YYKMCEQ.js";
import "./chunk-YNPOA2B2.js";
import "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import "./chunk-ASCNN4HU.js";
import "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";
export {
  FLAGGER_BACKOFF,
  WebhookGate,
  callWebhook,
  eventPayload,
  flaggerAccepts,
  retryableStatus,
  webhookChecksum,
  webhookFiresAt,
  webhookPayload
};
