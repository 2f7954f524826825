/**
 * Checks on the OpenAPI document that need nothing from Nest (so unit tests can load them).
 */

/** Prefix of the operation id Nest would derive from class and method names: never allowed to ship. */
export const MISSING_OPERATION_ID = '__missing_operationId__';
/** camelCase, starting with a lower-case verb: `registerUser`, `login`, `listFeed`. */
const OPERATION_ID = /^[a-z][a-zA-Z0-9]*$/;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationLike {
  operationId?: string;
}
interface DocumentLike<O extends OperationLike> {
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], O>>>;
}

/** Every operation in document order, as [path, method, operation]. */
export function operations<O extends OperationLike>(
  document: DocumentLike<O>,
): Array<[string, string, O]> {
  const found: Array<[string, string, O]> = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) found.push([path, method, operation]);
    }
  }
  return found;
}

/** Fails on a missing (derived from class/method names), malformed or duplicate operationId. */
export function assertOperationIds(document: DocumentLike<OperationLike>): void {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const [path, method, operation] of operations(document)) {
    const where = `${method.toUpperCase()} ${path}`;
    const id = operation.operationId;
    if (!id || id.startsWith(MISSING_OPERATION_ID)) {
      problems.push(`${where} has no explicit operationId (add @ApiOperation({ operationId }))`);
    } else if (!OPERATION_ID.test(id)) {
      problems.push(`${where}: operationId "${id}" is not camelCase`);
    } else if (seen.has(id)) {
      problems.push(`${where}: operationId "${id}" is already used by ${seen.get(id)}`);
    } else {
      seen.set(id, where);
    }
  }
  if (problems.length > 0)
    throw new Error(`OpenAPI document is invalid:\n  - ${problems.join('\n  - ')}`);
}
