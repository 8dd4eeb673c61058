import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

// What reads gitcanary's report files on the other side, reproduced so a test can fail the way
// the real reader would.

const SCHEMA = readFileSync(path.join(import.meta.dirname, '..', 'schemas', 'junit-10.xsd'), 'utf8');

/** libxml2's verdict on `xml` against the JUnit schema Jenkins' xUnit plugin uses (junit-10.xsd). */
export async function validateJunit(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: SCHEMA }],
  });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage) };
}

/**
 * GitLab's dotenv parser (app/services/ci/parse_dotenv_artifact_service.rb, Ci::HasVariable):
 * the file under `sizeLimit` bytes, every line `key=value` (`/^(.*?)=(.*)$/`, both stripped), keys
 * of [a-zA-Z0-9_] up to 255 characters, at most `variableLimit` variables; the last of a key wins.
 */
export function parseDotenvLikeGitLab(
  text: string,
  { sizeLimit = 5120, variableLimit = 20 } = {},
): Record<string, string> {
  if (Buffer.byteLength(text) >= sizeLimit)
    throw new Error(`Dotenv Artifact Too Big. Maximum Allowable Size: ${sizeLimit}`);
  const variables: Record<string, string> = {};
  // Ruby's each_line: lines keep their "\n"; a last line without one still counts.
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    const match = /^(.*?)=(.*)$/m.exec(line);
    if (match === null) throw new Error('Invalid Format');
    const key = match[1]!.trim();
    if (!/^[a-zA-Z0-9_]+$/.test(key) || key.length > 255)
      throw new Error(`Key can contain only letters, digits and '_': ${key}`);
    variables[key] = match[2]!.trim();
  }
  if (Object.keys(variables).length > variableLimit)
    throw new Error(`Dotenv files cannot have more than ${variableLimit} variables`);
  return variables;
}
