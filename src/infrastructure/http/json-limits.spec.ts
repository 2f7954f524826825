import { jsonShapeViolation } from './json-limits';

const limits = { maxDepth: 3, maxKeys: 2, maxArrayLength: 3, maxNodes: 8 };

describe('jsonShapeViolation', () => {
  it('accepts scalars and bodies within every limit', () => {
    expect(jsonShapeViolation('x', limits)).toBeUndefined();
    expect(jsonShapeViolation(null, limits)).toBeUndefined();
    expect(jsonShapeViolation({ a: [1, 2, 3], b: { c: 1 } }, limits)).toBeUndefined();
  });

  it('names the first limit broken', () => {
    expect(jsonShapeViolation({ a: { b: { c: {} } } }, limits)).toBe(
      'The JSON body is nested deeper than 3 levels',
    );
    expect(jsonShapeViolation({ a: 1, b: 2, c: 3 }, limits)).toBe(
      'A JSON object in the body has more than 2 properties',
    );
    expect(jsonShapeViolation([1, 2, 3, 4], limits)).toBe(
      'A JSON array in the body has more than 3 elements',
    );
    expect(jsonShapeViolation([[1, 2, 3], [1, 2, 3], [1]], limits)).toBe(
      'The JSON body holds more than 8 values',
    );
  });

  it('walks any depth without recursion (JSON.parse handles it, so must the check)', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(jsonShapeViolation(deep)).toBe('The JSON body is nested deeper than 32 levels');
  });
});
