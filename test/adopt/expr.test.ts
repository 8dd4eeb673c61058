import { describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { compileCondition } from '../../src/gates/argo-analysis/expr.js';
import { evaluateResult } from '../../src/gates/argo-analysis/providers.js';

// The conditions Argo Rollouts' docs write (docs/features/analysis.md and the providers' pages),
// evaluated with the values Argo's providers hand to utils/evaluate/evaluate.go.

const check = (source: string, result: unknown) =>
  compileCondition(source, 'successCondition').evaluate(result);

describe('Argo conditions (expr-lang)', () => {
  it.each([
    ['result[0] >= 0.95', [0.97], true],
    ['result[0] >= 0.95', [0.9], false],
    ['len(result) == 0 || result[0] >= 0.95', [], true],
    ['len(result) > 0 && result[0] >= 0.95', [], false],
    ['isNaN(result) || result >= 0.95', Number.NaN, true],
    ['result >= 0.95', Number.POSITIVE_INFINITY, true],
    ['isInf(result)', Number.POSITIVE_INFINITY, true],
    ['default(result, 0) < 0.05', null, true],
    ['default(result, 0) < 0.05', 0.2, false],
    ["result == 'true'", 'true', true],
    ['result.ok && result.successPercent >= 0.90', { ok: true, successPercent: 0.93 }, true],
    ['asInt(result) >= 3', '4', true],
    ['asFloat(result) < 0.5', '0.25', true],
    ['all(result, {# >= 0.9})', [0.95, 0.99], true],
    ['all(result, # >= 0.9)', [0.95, 0.8], false],
    ['any(result, {# < 0.5})', [0.95, 0.4], true],
    ['none(result, # > 1)', [0.5], true],
    ['count(result, # > 0.5) == 2', [0.6, 0.7, 0.1], true],
    ['result.status in ["ok", "healthy"]', { status: 'healthy' }, true],
    ['result matches "^v[0-9]+"', 'v12', true],
    ['not (result < 1) and result != 5', 3, true],
    ['result[-1] == 3', [1, 2, 3], true],
    ['result.missing == nil', {}, true],
    ['result > 1 ? true : false', 2, true],
  ])('%s with %j is %s', (source, result, expected) => {
    expect(check(source, result)).toBe(expected);
  });

  it.each([
    ['result[0] >= 0.95', [], 'index out of range: 0 (array length is 0)'],
    ['result < 0.5', 'abc', 'invalid operation: < (mismatched types string and float64)'],
    ['result', 1, 'expected bool, but got float64'],
    ['asInt(result) > 1', 'x', 'asInt() cannot parse "x"'],
    ['result && true', 1, 'invalid operation: && on float64'],
  ])('%s with %j is an evaluation error: %s', (source, result, message) => {
    expect(() => check(source, result)).toThrow(message);
  });

  it('refuses a condition that does not parse, naming the field', () => {
    const error = (() => {
      try {
        compileCondition('result[0 >= 1', 'spec.metrics[0].successCondition');
      } catch (caught) {
        return caught as GitcanaryError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(GitcanaryError);
    expect(error.place.field).toBe('spec.metrics[0].successCondition');
  });
});

describe("EvaluateResult (Argo's utils/evaluate)", () => {
  const metric = (success?: string, failure?: string) => ({
    successCondition: success === undefined ? undefined : compileCondition(success, 's'),
    failureCondition: failure === undefined ? undefined : compileCondition(failure, 'f'),
  });

  it('passes without conditions', () => {
    expect(evaluateResult([0.1], metric())).toBe('pass');
  });

  it('fails when only the success condition is set and it is false', () => {
    expect(evaluateResult([0.5], metric('result[0] >= 0.9'))).toBe('fail');
  });

  it('passes when only the failure condition is set and it is false', () => {
    expect(evaluateResult([3], metric(undefined, 'result[0] >= 10'))).toBe('pass');
  });

  it('is inconclusive when both are set and neither holds', () => {
    expect(evaluateResult([0.7], metric('result[0] >= 0.9', 'result[0] < 0.5'))).toBe('inconclusive');
    expect(evaluateResult([0.4], metric('result[0] >= 0.9', 'result[0] < 0.5'))).toBe('fail');
  });

  it('treats NaN as Argo does: failed unless a condition allows it', () => {
    expect(evaluateResult(Number.NaN, metric('result >= 0.95'))).toBe('fail');
    expect(evaluateResult(Number.NaN, metric('result >= 0.95', 'result < 0.95'))).toBe('inconclusive');
  });
});
