import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import { assertValidAgainstCrd } from './crd.js';

// Every Kubernetes object gitcanary writes, validated against what the API server would check:
// CRDs from test/schemas (see SOURCES.md) for custom resources, and for built-in kinds the
// validators `kubernetes-models` generates from the Kubernetes OpenAPI document.

/** CRD file and the apiVersion it is validated at, by kind; a group alias maps onto the CRD's group. */
const CRDS: Record<string, { file: string; as?: (apiVersion: string) => string }> = {
  ApisixRoute: { file: 'apisixroute-crd.yaml', as: () => 'apisix.apache.org/v2' },
  HTTPRoute: { file: 'httproute-crd.yaml' },
  VirtualService: { file: 'istio-crds.yaml' },
  DestinationRule: { file: 'istio-crds.yaml' },
  TrafficSplit: { file: 'trafficsplit-crd.yaml' },
  // traefik.containo.us is Traefik v2's group for the same schema (renamed traefik.io in v3).
  TraefikService: { file: 'traefikservice-crd.yaml', as: () => 'traefik.io/v1alpha1' },
  Mapping: { file: 'emissary-crds.yaml' },
  Rollout: { file: 'rollout-crd.yaml' },
};

const BUILT_IN: Record<string, new (data: never) => { validate(): void }> = {
  'networking.k8s.io/v1/Ingress': Ingress as never,
  'apps/v1/Deployment': Deployment as never,
  'apps/v1/StatefulSet': StatefulSet as never,
  'v1/Service': Service as never,
};

/** Kinds this module cannot validate (SMI v1alpha1 has no schema); callers may list them. */
export const UNCHECKED = new Set(['split.smi-spec.io/v1alpha1/TrafficSplit']);

/** Throws when `object` would be refused by the API server's schema validation. */
export function assertValidResource(object: { apiVersion: string; kind: string }): void {
  const key = `${object.apiVersion}/${object.kind}`;
  if (UNCHECKED.has(key)) return;
  const builtIn = BUILT_IN[key];
  if (builtIn !== undefined) {
    new builtIn(object as never).validate();
    return;
  }
  const crd = CRDS[object.kind];
  if (crd === undefined) throw new Error(`no schema to validate ${key} against`);
  assertValidAgainstCrd(crd.file, {
    ...object,
    apiVersion: crd.as?.(object.apiVersion) ?? object.apiVersion,
  });
}

/** Validates every document with a kind in a manifest file's text. */
export function assertValidManifests(text: string): void {
  for (const document of parseAllDocuments(text) as unknown as { toJS(): unknown }[]) {
    const object = document.toJS() as { apiVersion?: string; kind?: string } | null;
    if (object?.kind === undefined || object.apiVersion === undefined) continue;
    // Kustomize files and Helm values are not API objects.
    if (object.kind === 'Kustomization' || object.kind === 'Component') continue;
    assertValidResource(object as { apiVersion: string; kind: string });
  }
}
