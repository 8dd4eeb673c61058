import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/gates/http-condition.js';
import { parseJsonPath, selectJsonPath } from '../../src/gates/http-jsonpath.js';

const holds = (source: string, result: unknown) =>
  parseCondition(source, 'http.successCondition').evaluate(result);

describe('successCondition expressions', () => {
  it.each([
    ['result == "ok"', 'ok', true],
    ['result == "ok"', 'OK', false],
    ["result != 'down'", 'up', true],
    ['result >= 0.99', 0.99, true],
    ['result >= 0.99', 0.989, false],
    ['result < 500', 499.9, true],
    ['result > -1', 0, true],
    ['result <= 1e3', 1000, true],
    ['result == 1', '1', true],
    ['result >= 0.99', '0.995', true],
    ['result == true', true, true],
    ['result', true, true],
    ['!result', true, false],
    ['result == null', null, true],
    ['result > 1 && result < 3', 2, true],
    ['result < 1 || result > 3', 2, false],
    ['!(result < 1 || result > 3)', 2, true],
    ['result.status == "UP" && result.checks[1] == 2', { status: 'UP', checks: [1, 2] }, true],
    ['result["a-b"] == "x"', { 'a-b': 'x' }, true],
    ['result < "b"', 'a', true],
  ])('%s with %j is %s', (source, result, expected) => {
    expect(holds(source, result)).toBe(expected);
  });

  it('throws (an error measurement) on type mismatches', () => {
    expect(() => holds('result > 1', 'high')).toThrow(/cannot order/);
    expect(() => holds('result', 1)).toThrow(/not true\/false/);
    expect(() => holds('result && true', 'yes')).toThrow(/needs true\/false/);
    expect(() => holds('result.missing == 1', {})).toThrow(/no \.missing/);
  });

  it.each([
    'result >=',
    'result = 1',
    'foo == 1',
    'result == "open',
    '(result == 1',
    'result == 1 1',
    'constructor.constructor("x")()',
  ])('refuses %s', (source) => {
    expect(() => parseCondition(source, 'http.successCondition')).toThrow(/cannot parse condition/);
  });
});

describe('jsonPath subset', () => {
  const document = { data: { items: [{ rate: 0.5 }, { 'the rate': 0.9 }] }, ok: true };

  it.each([
    ['$', document],
    ['$.ok', true],
    ['{$.ok}', true],
    ['$.data.items[0].rate', 0.5],
    ["$.data.items[1]['the rate']", 0.9],
    ['$["data"].items[1]["the rate"]', 0.9],
  ])('%s selects %j', (path, expected) => {
    expect(selectJsonPath(document, parseJsonPath(path), path)).toEqual(expected);
  });

  it('throws when a step is missing', () => {
    expect(() => selectJsonPath(document, parseJsonPath('$.data.items[5]'), '$.data.items[5]')).toThrow(
      /no \[5\]/,
    );
    expect(() => selectJsonPath(document, parseJsonPath('$.ok.value'), '$.ok.value')).toThrow(/no "value"/);
  });

  it.each(['data.ok', '$..rate', '$.items[*]', '$.items[-1]', '$.items[?(@.ok)]'])('refuses %s', (path) => {
    expect(() => parseJsonPath(path)).toThrow();
  });
});
