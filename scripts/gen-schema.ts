import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { releaseJsonSchemaText } from '../src/config/json-schema.js';
import { allTargets } from '../src/targets/registry.js';

// Writes schema/gitcanary.schema.json from the registered targets; test/config checks it is current.
const out = path.join(import.meta.dirname, '..', 'schema', 'gitcanary.schema.json');
writeFileSync(out, releaseJsonSchemaText(allTargets()));
console.log(`wrote ${path.relative(process.cwd(), out)}`);
