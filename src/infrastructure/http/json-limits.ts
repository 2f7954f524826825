/**
 * Shape limits for JSON request bodies, checked right after parsing and before any DTO work.
 *
 * class-transformer and class-validator cost grows faster than linearly with the number of
 * properties (a 1 MiB body of 80,000 unknown keys held the event loop for seconds) and they
 * recurse (a body nested a few thousand levels deep overflowed the stack: 500). No operation of
 * this API takes anything close to these limits, so a body beyond them is refused outright with
 * 400 VALIDATION_FAILED, in one linear, iterative pass that stops at the first violation.
 */
export interface JsonLimits {
  maxDepth: number;
  maxKeys: number;
  maxArrayLength: number;
  maxNodes: number;
}

export const JSON_LIMITS: Readonly<JsonLimits> = {
  /** Nesting levels of objects and arrays (the body itself is level 1). */
  maxDepth: 32,
  /** Properties in any one object. */
  maxKeys: 100,
  /** Elements in any one array. */
  maxArrayLength: 1_000,
  /** Values of any kind in the whole body (objects, arrays, strings, numbers, ...). */
  maxNodes: 10_000,
};

/** Thrown by the JSON content-type parser: a 400 VALIDATION_FAILED naming the limit. */
export class JsonShapeError extends Error {
  readonly statusCode = 400;
  readonly code = 'JSON_SHAPE_LIMIT';
  constructor(detail: string) {
    super(detail);
    this.name = 'JsonShapeError';
  }
}

/**
 * The first limit `value` breaks, as a sentence for the problem's `detail`, or undefined when
 * the body is within all of them. Iterative (no recursion, whatever the depth), O(nodes), and
 * it never looks further than the first violation.
 */
export function jsonShapeViolation(
  value: unknown,
  limits: JsonLimits = JSON_LIMITS,
): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Array<{ node: object; depth: number }> = [{ node: value, depth: 1 }];
  let nodes = 1;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > limits.maxDepth)
      return `The JSON body is nested deeper than ${limits.maxDepth} levels`;
    let children: unknown[];
    if (Array.isArray(node)) {
      if (node.length > limits.maxArrayLength) {
        return `A JSON array in the body has more than ${limits.maxArrayLength} elements`;
      }
      children = node;
    } else {
      const keys = Object.keys(node);
      if (keys.length > limits.maxKeys) {
        return `A JSON object in the body has more than ${limits.maxKeys} properties`;
      }
      children = keys.map((k) => (node as Record<string, unknown>)[k]);
    }
    nodes += children.length;
    if (nodes > limits.maxNodes) return `The JSON body holds more than ${limits.maxNodes} values`;
    for (const child of children) {
      if (child !== null && typeof child === 'object')
        stack.push({ node: child, depth: depth + 1 });
    }
  }
  return undefined;
}
