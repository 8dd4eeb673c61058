import type { Command } from 'commander';

// `set weight`, `get weight`, `set header-route` (ApisixRoute). Filled in by the APISIX target work.
export function registerWeightCommands(_set: Command, _get: Command): void {}
