import { assertOperationIds } from './openapi-operations';

function doc(
  ops: Array<[string, string, string | undefined]>,
): Parameters<typeof assertOperationIds>[0] {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, method, operationId] of ops) {
    paths[path] = { ...(paths[path] ?? {}), [method]: { operationId, responses: {} } };
  }
  return { paths } as Parameters<typeof assertOperationIds>[0];
}

describe('assertOperationIds', () => {
  it('accepts explicit, unique camelCase ids', () => {
    expect(() =>
      assertOperationIds(
        doc([
          ['/v1/users', 'post', 'registerUser'],
          ['/v1/users/me', 'get', 'getMe'],
        ]),
      ),
    ).not.toThrow();
  });

  it('rejects an id Nest derived from class and method names', () => {
    expect(() =>
      assertOperationIds(
        doc([['/v1/users', 'post', '__missing_operationId__RegisterUserHttpController.register']]),
      ),
    ).toThrow(/POST \/v1\/users has no explicit operationId/);
    expect(() => assertOperationIds(doc([['/v1/users', 'post', undefined]]))).toThrow(
      /no explicit operationId/,
    );
  });

  it('rejects duplicates and ids that are not camelCase', () => {
    expect(() =>
      assertOperationIds(
        doc([
          ['/v1/a', 'get', 'getThing'],
          ['/v1/b', 'get', 'getThing'],
        ]),
      ),
    ).toThrow(/"getThing" is already used by GET \/v1\/a/);
    expect(() => assertOperationIds(doc([['/v1/a', 'get', 'Get_thing']]))).toThrow(/not camelCase/);
  });
});
