import { canonicalJson, requestHash, scopeHash } from './request-fingerprint';

describe('request fingerprint', () => {
  it('canonical JSON sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('canonical JSON writes an absent body as null and escapes keys and strings as JSON does', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ 'a"b': 'x\ny' })).toBe('{"a\\"b":"x\\ny"}');
  });

  it('the same body with keys in another order is the same request; another path or body is not', () => {
    const a = requestHash('POST', '/v1/transfers', { amount: 1, currency: 'USD' });
    expect(requestHash('POST', '/v1/transfers', { currency: 'USD', amount: 1 }).equals(a)).toBe(
      true,
    );
    expect(requestHash('POST', '/v1/deposits', { amount: 1, currency: 'USD' }).equals(a)).toBe(
      false,
    );
    expect(requestHash('POST', '/v1/transfers', { amount: 2, currency: 'USD' }).equals(a)).toBe(
      false,
    );
    expect(a).toHaveLength(32);
  });

  it('a key is scoped by user, method and route template', () => {
    const s = scopeHash('u1', 'POST', '/v1/transfers', 'k');
    expect(scopeHash('u1', 'POST', '/v1/transfers', 'k').equals(s)).toBe(true);
    expect(scopeHash('u2', 'POST', '/v1/transfers', 'k').equals(s)).toBe(false);
    expect(scopeHash('u1', 'POST', '/v1/deposits', 'k').equals(s)).toBe(false);
    expect(scopeHash('u1', 'POST', '/v1/transfers', 'k2').equals(s)).toBe(false);
  });
});
