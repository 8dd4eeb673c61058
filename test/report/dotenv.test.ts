import { describe, expect, it } from 'vitest';
import { DOTENV_VALUE_LIMIT, dotenvText } from '../../src/report/dotenv.js';
import { registerSecret } from '../../src/report/index.js';
import { parseDotenvLikeGitLab } from '../support/report-formats.js';

// `--dotenv`: what later GitLab jobs get as variables, read back with GitLab's own parsing rules.

describe('the dotenv report', () => {
  it('says where the release stands as variables GitLab reads back unchanged', () => {
    const text = dotenvText({
      phase: 'Progressing',
      step: 5,
      steps: 11,
      weight: 30,
      commit: '0123456789abcdef0123456789abcdef01234567',
      image: 'ghcr.io/stefanprodan/podinfo:6.1.0@sha256:'.padEnd(107, 'a'),
      releaseId: 'fe4057851d40',
      outcome: 'waiting',
    });

    expect(parseDotenvLikeGitLab(text)).toEqual({
      GITCANARY_PHASE: 'Progressing',
      GITCANARY_STEP: '5',
      GITCANARY_STEPS: '11',
      GITCANARY_WEIGHT: '30',
      GITCANARY_COMMIT: '0123456789abcdef0123456789abcdef01234567',
      GITCANARY_IMAGE: 'ghcr.io/stefanprodan/podinfo:6.1.0@sha256:'.padEnd(107, 'a'),
      GITCANARY_RELEASE_ID: 'fe4057851d40',
      GITCANARY_OUTCOME: 'waiting',
    });
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes what is not known as empty values, still one KEY=value line each', () => {
    const text = dotenvText({ outcome: 'error' });

    expect(text.split('\n')).toHaveLength(9);
    expect(parseDotenvLikeGitLab(text)).toMatchObject({ GITCANARY_PHASE: '', GITCANARY_OUTCOME: 'error' });
  });

  it('sanitises values: one line of printable ASCII, no $ to expand, secrets masked', () => {
    registerSecret('glpat-dotenvSecret42');
    const text = dotenvText({
      image:
        '  registry.example/app:1\nGITCANARY_PHASE=Promoted\r\u0000\u001b[31m$HOME é glpat-dotenvSecret42  ',
    });

    const variables = parseDotenvLikeGitLab(text);
    expect(variables.GITCANARY_IMAGE).toBe(
      'registry.example/app:1_GITCANARY_PHASE=Promoted___[31m_HOME _ [secure]',
    );
    expect(variables.GITCANARY_PHASE).toBe('');
    expect(text).not.toContain('glpat-dotenvSecret42');
  });

  it('stays under GitLab’s 5 KB and 20-variable limits with the longest values', () => {
    const long = 'x'.repeat(20_000);
    const text = dotenvText({
      phase: long,
      commit: long,
      image: long,
      releaseId: long,
      outcome: long,
    });

    const variables = parseDotenvLikeGitLab(text, { variableLimit: 10 });
    expect(Buffer.byteLength(text)).toBeLessThan(5120);
    expect(variables.GITCANARY_IMAGE).toHaveLength(DOTENV_VALUE_LIMIT);
  });
});
