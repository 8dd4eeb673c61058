import { z } from 'zod';
import type { Target } from '../targets/types.js';
import { releaseSchema } from './schema.js';

// The JSON Schema editors use for gitcanary.yaml (yaml-language-server, VS Code), generated from the
// same zod schema that validates at runtime. `io: 'input'`: what users may write, defaults optional.

/** JSON Schema (draft 2020-12) of the release config over `targets`. */
export function releaseJsonSchema(targets: readonly Target[]): Record<string, unknown> {
  return z.toJSONSchema(releaseSchema(targets), { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
}

/** The committed file's text: stable key order from the schema, two-space JSON, trailing newline. */
export function releaseJsonSchemaText(targets: readonly Target[]): string {
  return `${JSON.stringify(releaseJsonSchema(targets), null, 2)}\n`;
}
