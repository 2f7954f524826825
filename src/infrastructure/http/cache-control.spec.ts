import { needsNoStore } from './cache-control';

describe('needsNoStore', () => {
  it.each(['/v1', '/v1/auth/login', '/v1/users/me?x=1', '/v1?x'])('%p → no-store', (url) => {
    expect(needsNoStore(url)).toBe(true);
  });
  it.each(['/health/live', '/metrics', '/docs-json', '/v10/x', '/v1x'])('%p → untouched', (url) => {
    expect(needsNoStore(url)).toBe(false);
  });
});
