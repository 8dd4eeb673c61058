import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  secretEnvName
} from "./chunk-Q4P5DKAW.js";
import {
  describeDoc,
  loadTree,
  toPlain
} from "./chunk-XJFDB2OJ.js";
import {
  PrometheusGate
} from "./chunk-AUKBY7KF.js";
import "./chunk-NDP2KJ5T.js";
import "./chunk-WMZLU4BU.js";
import "./chunk-O3G3HMHV.js";
import {
  loadTemplateCompiler
} from "./chunk-XS2OQZ4O.js";
import "./chunk-DDVRK4SU.js";
import "./chunk-KGKE37OE.js";
import "./chunk-5YYKMCEQ.js";
import "./chunk-YNPOA2B2.js";
import {
  metricTemplateConfigSchema,
  parseGateConfig
} from "./chunk-RQCOFY3H.js";
import {
  external_exports
} from "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  registerSecret
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/gates/metric-template.ts
var metricTemplateSchema = external_exports.looseObject({
  spec: external_exports.looseObject({
    provider: external_exports.looseObject({
      type: external_exports.string().optional(),
      address: external_exports.string().optional(),
      secretRef: external_exports.looseObject({ name: external_exports.string().min(1) }).optional(),
      insecureSkipVerify: external_exports.boolean().optional()
    }),
    query: external_exports.string().min(1)
  })
});
var MetricTemplateGate = class {
  constructor(name, config) {
    this.name = name;
    this.config = parseGateConfig(metricTemplateConfigSchema, config, "metricTemplate");
  }
  name;
  kind = "metricTemplate";
  config;
  /** The prometheus gate the MetricTemplate amounts to; what `run` checks before its first commit. */
  async check(repoRoot, namespace, env = process.env) {
    const tree = await loadTree(repoRoot, [this.config.path]);
    await loadTemplateCompiler();
    return this.prometheusGate(tree, namespace, env);
  }
  prometheusGate(tree, namespace, env) {
    const { templateRef } = this.config;
    const wanted = templateRef.namespace ?? namespace;
    const docs = tree.resources(tree.paths(), { kind: "MetricTemplate", name: templateRef.name }).filter((doc2) => doc2.apiVersion?.startsWith("flagger.app/")).filter((doc2, _, all) => all.length === 1 || doc2.namespace === void 0 || doc2.namespace === wanted);
    const resource = `MetricTemplate/${wanted}/${templateRef.name}`;
    if (docs.length !== 1) {
      throw new GitcanaryError(
        docs.length === 0 ? "RESOURCE_NOT_FOUND" : "RESOURCE_DUPLICATE",
        docs.length === 0 ? `MetricTemplate ${templateRef.name} is not in the repository` : `MetricTemplate ${templateRef.name} is defined ${docs.length} times`,
        {
          resource,
          field: `gates.${this.name}.metricTemplate.templateRef`,
          hint: docs.length === 0 ? "commit the MetricTemplate to the GitOps repository" : `files: ${docs.map((doc2) => doc2.file).join(", ")}`
        }
      );
    }
    const doc = docs[0];
    const place = { file: doc.file, resource: describeDoc(doc) };
    const parsed = metricTemplateSchema.safeParse(toPlain(doc));
    if (!parsed.success) {
      throw new GitcanaryError(
        "CONFIG_INVALID",
        `invalid MetricTemplate: ${parsed.error.issues[0]?.message}`,
        {
          ...place,
          field: (parsed.error.issues[0]?.path ?? []).map(String).join(".")
        }
      );
    }
    const { provider, query } = parsed.data.spec;
    if ((provider.type ?? "prometheus") !== "prometheus") {
      throw new GitcanaryError(
        "CONFIG_INVALID",
        `MetricTemplate provider ${provider.type} is not supported; gitcanary runs prometheus MetricTemplates`,
        {
          ...place,
          field: "spec.provider.type",
          hint: "measure it with a gitcanary gate (command, http) instead"
        }
      );
    }
    if (provider.insecureSkipVerify) {
      throw new GitcanaryError("CONFIG_INVALID", "insecureSkipVerify is not supported for MetricTemplates", {
        ...place,
        field: "spec.provider.insecureSkipVerify"
      });
    }
    if (provider.address === void 0 || !URL.canParse(provider.address)) {
      throw new GitcanaryError(
        "CONFIG_INVALID",
        `prometheus address ${provider.address ?? "(none)"} is not a valid URL`,
        {
          ...place,
          field: "spec.provider.address"
        }
      );
    }
    const headers = {};
    if (provider.secretRef !== void 0) {
      const credentials = ["username", "password"].map((key) => {
        const variable = secretEnvName(provider.secretRef.name, key);
        const value = env[variable];
        if (value === void 0) {
          throw new GitcanaryError(
            "CONFIG_INVALID",
            `MetricTemplate ${templateRef.name} needs the ${key} of Secret ${provider.secretRef.name}, which Git does not hold`,
            {
              ...place,
              field: "spec.provider.secretRef",
              hint: `set the environment variable ${variable}`
            }
          );
        }
        registerSecret(value);
        return value;
      });
      const basic = `Basic ${Buffer.from(`${credentials[0]}:${credentials[1]}`).toString("base64")}`;
      registerSecret(basic);
      headers.authorization = basic;
    }
    const { templateRef: _ref, path: _path, ...measurement } = this.config;
    return new PrometheusGate(this.name, {
      ...measurement,
      address: provider.address,
      query,
      ...Object.keys(headers).length > 0 ? { headers } : {}
    });
  }
  async evaluate(context) {
    if (context.repoRoot === void 0) {
      throw new GitcanaryError("INTERNAL", "the metricTemplate gate needs the GitOps working copy", {
        field: `gates.${this.name}`
      });
    }
    let gate;
    try {
      gate = await this.check(context.repoRoot, context.namespace);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", message, measurements: [] };
    }
    return { ...await gate.evaluate(context), kind: this.kind };
  }
};
export {
  MetricTemplateGate
};
