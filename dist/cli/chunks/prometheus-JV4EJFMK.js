import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  PrometheusGate,
  formatThreshold,
  inRange,
  instantQuery,
  prometheusApi,
  rangeQuery
} from "./chunk-AUKBY7KF.js";
import "./chunk-NDP2KJ5T.js";
import "./chunk-WMZLU4BU.js";
import "./chunk-O3G3HMHV.js";
import "./chunk-XS2OQZ4O.js";
import "./chunk-DDVRK4SU.js";
import "./chunk-KGKE37OE.js";
import "./chunk-5YYKMCEQ.js";
import "./chunk-YNPOA2B2.js";
import "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import "./chunk-ASCNN4HU.js";
import "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";
export {
  PrometheusGate,
  formatThreshold,
  inRange,
  instantQuery,
  prometheusApi,
  rangeQuery
};
