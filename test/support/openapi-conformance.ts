import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Response conformance: every answer the e2e suites get through HttpClient is checked against
 * the OpenAPI document (docs/openapi.json, which platform.e2e-spec.ts proves equal to what the
 * app serves at /docs-json). Rules:
 *  - the request path (without query) is matched against the document's path templates; a path
 *    the document does not have (/docs, /metrics, /admin/queues, unknown routes that test 404s)
 *    is not checked;
 *  - on a documented path the method must be documented, and the status must be documented for
 *    that operation;
 *  - a non-empty body must have a documented content type for that status, and a JSON body must
 *    match the documented schema; objects of the component schemas are closed (a field the
 *    document does not describe is a mismatch).
 * Requests with a deliberately broken body (`raw`) are checked the same way: their answers are
 * part of the contract too.
 */

const ROOT = join(__dirname, '..', '..');
const DOCUMENT_PATH = join(ROOT, 'docs', 'openapi.json');
const REF_BASE = 'openapi.json';

interface MediaTypeObject {
  schema?: Record<string, unknown>;
}
interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}
interface OperationObject {
  operationId?: string;
  responses: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, unknown> };
}

interface PathMatcher {
  template: string;
  regex: RegExp;
  params: number;
  operations: Record<string, OperationObject>;
}

export interface ConformanceResponse {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

class Conformance {
  private readonly ajv: Ajv;
  private readonly matchers: PathMatcher[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(
      { components: { schemas: closed(document.components?.schemas ?? {}) } },
      REF_BASE,
    );
    // Literal paths first (/v1/users/me before a future /v1/users/{id}), then by fewer params.
    this.matchers = Object.entries(document.paths)
      .map(([template, operations]) => {
        const params = (template.match(/\{[^}]+\}/g) ?? []).length;
        const pattern = template
          .split(/\{[^}]+\}/)
          .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
          .join('[^/]+');
        return { template, regex: new RegExp(`^${pattern}$`), params, operations };
      })
      .sort((a, b) => a.params - b.params);
  }

  /** Throws an Error naming the request and every mismatch; returns quietly otherwise. */
  check(method: string, url: string, res: ConformanceResponse): void {
    const path = url.split('?')[0].split('#')[0];
    const matcher = this.matchers.find((m) => m.regex.test(path));
    if (!matcher) return;
    const where = `${method.toUpperCase()} ${url} → ${res.status} (OpenAPI ${method.toUpperCase()} ${matcher.template})`;
    const operation = matcher.operations[method.toLowerCase()];
    if (!operation) {
      throw new Error(`OpenAPI conformance: ${where}: the method is not documented for this path`);
    }
    const response =
      operation.responses[String(res.status)] ??
      operation.responses[`${String(res.status)[0]}XX`] ??
      operation.responses.default;
    if (!response) {
      throw new Error(
        `OpenAPI conformance: ${where}: status ${res.status} is not documented for ${operation.operationId} ` +
          `(documented: ${Object.keys(operation.responses).join(', ')}); body: ${res.text.slice(0, 300)}`,
      );
    }
    if (res.text.length === 0) return;
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const media = response.content?.[contentType];
    if (!media) {
      throw new Error(
        `OpenAPI conformance: ${where}: a body of type ${contentType || '(none)'} is not documented for status ${res.status} ` +
          `of ${operation.operationId} (documented: ${Object.keys(response.content ?? {}).join(', ') || 'no body'})`,
      );
    }
    if (!contentType.includes('json') || !media.schema) return;
    const key = `${operation.operationId} ${res.status} ${contentType}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(media.schema) as object);
      this.validators.set(key, validate);
    }
    if (!validate(res.body)) {
      const errors = (validate.errors ?? [])
        .map(
          (e) =>
            `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
        )
        .join('; ');
      throw new Error(
        `OpenAPI conformance: ${where}: the body does not match the ${contentType} schema of ${operation.operationId}: ` +
          `${errors}\nbody: ${res.text.slice(0, 1000)}`,
      );
    }
  }
}

/** Points `#/components/...` refs at the registered components document. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${REF_BASE}${v}` : rebase(v),
    ]),
  );
}

/**
 * The component schemas (response DTOs, ProblemResponse) as closed objects: a field the document
 * does not describe fails the check too, so the schemas stay complete (and nothing leaks).
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

let instance: Conformance | undefined;
const recorded: string[] = [];

/**
 * Validates one answer against docs/openapi.json (loaded once per test process); throws on a
 * mismatch. The mismatch is also recorded, so that a test that swallows the error (a polling
 * helper retrying until it succeeds) still fails: see openapi-conformance.setup.ts.
 */
export function assertConforms(method: string, url: string, res: ConformanceResponse): void {
  instance ??= new Conformance(JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as OpenApiDocument);
  try {
    instance.check(method, url, res);
  } catch (err) {
    recorded.push((err as Error).message);
    throw err;
  }
}

/** The mismatches recorded since the last call (and forgets them). */
export function takeConformanceFailures(): string[] {
  return recorded.splice(0, recorded.length);
}
