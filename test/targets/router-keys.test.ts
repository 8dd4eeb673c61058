import { describe, expect, it } from 'vitest';
import { routers } from '../../src/targets/registry.js';
import { ROUTER_KEYS } from '../../src/targets/router-keys.js';

describe('ROUTER_KEYS', () => {
  it('lists the registry’s routers, in its order (the CLI offers them without loading the routers)', () => {
    expect(ROUTER_KEYS).toEqual(routers().map((router) => router.key));
  });
});
