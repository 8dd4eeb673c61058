// The traffic routers' config keys, in registry order, without loading the routers: the CLI's
// `--router` choices. test/targets/router-keys.test.ts holds it equal to registry.ts.
export const ROUTER_KEYS: readonly string[] = [
  'apisix',
  'gatewayAPI',
  'nginx',
  'istio',
  'smi',
  'traefik',
  'alb',
  'ambassador',
];
