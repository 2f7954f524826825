import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import {
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  HeaderObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { THROTTLER_SKIP } from '@nestjs/throttler/dist/throttler.constants';
import { IS_OPTIONAL_AUTH, IS_PUBLIC, ROLES } from './auth.decorators';
import { documentNoStore } from './cache-control';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { assertOperationIds, MISSING_OPERATION_ID, operations } from './openapi-operations';
import { ParseIdPipe } from './parse-id.pipe';
import { ProblemResponse } from './problem';

const PROBLEM_JSON = 'application/problem+json';
const PROBLEM_SCHEMA = { $ref: '#/components/schemas/ProblemResponse' };

/**
 * The edge answers, described once. Which operation can return which is decided in
 * `addEdgeProblems` from what the HTTP pipeline really does (see there).
 */
const EDGE_DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: malformed JSON, wrong types, unknown fields, bad query parameters',
  401: 'UNAUTHENTICATED: missing, malformed, expired, revoked or forged token',
  403: 'FORBIDDEN: role not allowed',
  404: 'NOT_FOUND: missing, or not visible to the caller (also a malformed id)',
  413: 'PAYLOAD_TOO_LARGE: body over 1 MiB',
  414: 'URI_TOO_LONG: a path parameter over 100 characters',
  415: 'UNSUPPORTED_MEDIA_TYPE: a body that is not application/json',
  429: 'RATE_LIMITED: per-IP request limit; see Retry-After',
  503:
    'DEPENDENCY_UNAVAILABLE: database or Redis unreachable; OVERLOADED: the instance sheds load, or a transaction still lost to contention after its retries; ' +
    'SHUTTING_DOWN: the instance drains (Connection: close); see Retry-After',
};

/** Answers every operation can get, health checks included: the instance drains. */
const DRAINING_DESCRIPTION =
  'SHUTTING_DOWN: the instance drains (Connection: close); see Retry-After';

/** The same answers for operations that take no body: sending one anyway is still parsed. */
const NO_BODY_DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: a body was sent that is not valid JSON (this operation takes none), or bad query parameters',
  413: 'PAYLOAD_TOO_LARGE: a body over 1 MiB was sent (this operation takes none)',
  415: 'UNSUPPORTED_MEDIA_TYPE: a body that is not application/json was sent (this operation takes none)',
};

/** Response headers, described once (components.headers) and referenced where they are sent. */
const HEADERS: Record<string, HeaderObject> = {
  'X-Request-Id': {
    description:
      'Identifies this request in the logs (also `requestId` of a problem body): the X-Request-Id ' +
      'the client sent when it is 1-128 characters of A-Z a-z 0-9 . _ : -, otherwise a generated UUID',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer', minimum: 0 },
  },
  'Idempotent-Replayed': {
    description:
      'Present (`true`) when this answer is the stored answer to an earlier request with the same ' +
      'Idempotency-Key and body, replayed without running the operation again',
    schema: { type: 'string', enum: ['true'] },
  },
};
const headerRef = (name: keyof typeof HEADERS): ReferenceObject => ({
  $ref: `#/components/headers/${name}`,
});

/**
 * The answers of an @Idempotent operation that are stored and replayed (IdempotencyInterceptor):
 * its success, and the 4xx a handler or its pipes produce (validation, not found, conflicts,
 * business rules). 401/403 (guards), 413/415 (body parsing) and 429 (throttler) happen before the
 * interceptor; 5xx and 409 IDEMPOTENCY_IN_PROGRESS are not stored.
 */
const REPLAYABLE_PROBLEMS = new Set(['400', '404', '409', '422']);

const TAGS: Array<[string, string]> = [
  ['users', 'Registration, profile, password and email verification'],
  ['auth', 'Sign-in (password or one-time code), token refresh, sessions'],
  ['accounts', 'Ledger accounts, their entries and admin deposits'],
  ['transfers', 'Money movements between accounts'],
  ['articles', "An author's own articles: drafts, edits, publishing"],
  ['feed', 'Published articles for readers: reading, likes, collections, rewards'],
  ['ranking', 'Hot articles'],
  ['homestays', 'Homestays offered by hosts'],
  ['orders', 'Stay orders: booking, paying, cancelling'],
  ['payments', 'Payments through the external payment provider: top-ups, its webhook'],
  ['operations', 'Health checks for orchestrators and load balancers'],
];

/** What the guards and pipes in front of a handler imply for its documented answers. */
interface RouteTraits {
  auth: 'public' | 'optional' | 'required';
  roles: string[];
  throttled: boolean;
  /** Runs the IdempotencyInterceptor (@Idempotent). */
  idempotent: boolean;
  /** Path parameters checked by ParseIdPipe (a UUID, else 404). */
  idParams: Set<string>;
}

/**
 * Builds the OpenAPI document from the controllers' decorators, then completes it from what the
 * HTTP pipeline really does (security, edge statuses), and checks it (explicit, unique
 * operationIds). Deterministic: it does not depend on the machine or the configuration, so the
 * exported docs/openapi.json equals what /docs-json serves.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Atrium API')
    .setDescription(
      'Identity, ledger, content and stays. Errors are application/problem+json (RFC 9457); ' +
        'see the ProblemResponse schema. Money is integer minor units.',
    )
    .setVersion('1')
    .setLicense('Proprietary', '')
    .addServer('/', 'The host serving this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemResponse],
    operationIdFactory: (controller, method) => `${MISSING_OPERATION_ID}${controller}.${method}`,
  });
  delete document.info.license?.url;
  if (document.info.contact && Object.keys(document.info.contact).length === 0)
    delete document.info.contact;

  const traits = collectRouteTraits(app);
  for (const [path, method, operation] of operations(document)) {
    const route = traits.get(`${method.toUpperCase()} ${path}`);
    if (!route)
      throw new Error(`OpenAPI: no controller route found for ${method.toUpperCase()} ${path}`);
    applySecurity(operation, route);
    describeIdParams(operation, route);
    addEdgeProblems(path, method, operation, route);
    addResponseHeaders(operation, route);
    sortResponses(operation);
  }
  closeRequestBodies(document);
  document.components = { ...document.components, headers: HEADERS };
  documentNoStore(document);
  assertOperationIds(document);
  assertResponseDescriptions(document);
  return document;
}

/** Path ids go through ParseIdPipe: a UUID (any other value answers 404). */
function describeIdParams(operation: OperationObject, route: RouteTraits): void {
  for (const param of (operation.parameters ?? []) as ParameterObject[]) {
    if (param.in !== 'path' || !route.idParams.has(param.name)) continue;
    param.schema = { ...(param.schema as SchemaObject), type: 'string', format: 'uuid' };
  }
}

/**
 * Request bodies are validated with forbidNonWhitelisted (validation.ts): an unknown field is a
 * 400, so the schemas used as request bodies are closed. Response schemas stay open in the
 * document (clients should tolerate fields added later).
 */
function closeRequestBodies(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (const [, , operation] of operations(document)) {
    const body = operation.requestBody as RequestBodyObject | undefined;
    for (const media of Object.values(body?.content ?? {})) {
      const ref = (media.schema as ReferenceObject | undefined)?.$ref;
      const name = ref?.replace('#/components/schemas/', '');
      const schema = name ? (schemas[name] as SchemaObject | undefined) : undefined;
      if (!schema) throw new Error(`OpenAPI: request body ${ref ?? '(inline)'} is not a component`);
      schema.additionalProperties = false;
    }
  }
}

/**
 * X-Request-Id on every answer (the onSend hook in app.setup.ts); Retry-After on 429 and 503
 * (and on an idempotent operation's 409, IDEMPOTENCY_IN_PROGRESS); Idempotent-Replayed on the
 * answers an @Idempotent operation can replay.
 */
function addResponseHeaders(operation: OperationObject, route: RouteTraits): void {
  for (const [status, value] of Object.entries(operation.responses)) {
    const response = value as ResponseObject;
    const headers: Record<string, HeaderObject | ReferenceObject> = {
      'X-Request-Id': headerRef('X-Request-Id'),
    };
    if (status === '429' || status === '503' || (route.idempotent && status === '409'))
      headers['Retry-After'] = headerRef('Retry-After');
    if (route.idempotent && (status.startsWith('2') || REPLAYABLE_PROBLEMS.has(status)))
      headers['Idempotent-Replayed'] = headerRef('Idempotent-Replayed');
    response.headers = { ...headers, ...(response.headers ?? {}) };
  }
}

/** Every answer says what it is (generated clients show these descriptions). */
function assertResponseDescriptions(document: OpenAPIObject): void {
  for (const [path, method, operation] of operations(document)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!(response as ResponseObject).description?.trim())
        throw new Error(
          `OpenAPI: ${method.toUpperCase()} ${path} ${status} has no description (describe it in the controller)`,
        );
    }
  }
}

/** Public operations need no token (`security: []`); optional auth accepts none or a bearer. */
function applySecurity(operation: OperationObject, route: RouteTraits): void {
  if (route.auth === 'public') operation.security = [];
  else if (route.auth === 'optional') operation.security = [{ bearer: [] }, {}];
  else operation.security = [{ bearer: [] }];
}

/**
 * The statuses the HTTP pipeline itself can answer, added where the controller did not describe
 * them more precisely (its description wins):
 *  - any method but GET: the body is parsed whether the handler reads it or not, so a malformed
 *    JSON body is 400, a non-JSON one 415, one over 1 MiB 413 (GET bodies are ignored);
 *  - query parameters are validated (400); path ids are checked (a malformed one is 404);
 *  - a token is checked unless the route is public (401); roles are checked (403);
 *  - the per-IP rate limit applies unless the route skips it (429);
 *  - a path parameter over 100 characters is refused by the router (414);
 *  - everything under /v1 reads the database or Redis (503 DEPENDENCY_UNAVAILABLE) and can be
 *    shed under overload (503 OVERLOADED); every operation, health checks included, answers
 *    503 SHUTTING_DOWN while the instance drains.
 */
function addEdgeProblems(
  path: string,
  method: string,
  operation: OperationObject,
  route: RouteTraits,
): void {
  const params = (operation.parameters ?? []) as Array<{ in?: string }>;
  const statuses = new Set<number>();
  if (method !== 'get') [400, 413, 415].forEach((s) => statuses.add(s));
  if (params.some((p) => p.in === 'query')) statuses.add(400);
  if (params.some((p) => p.in === 'path')) [404, 414].forEach((s) => statuses.add(s));
  if (route.auth !== 'public') statuses.add(401);
  if (route.roles.length > 0) statuses.add(403);
  if (route.throttled) statuses.add(429);
  statuses.add(503);
  const takesNoBody = method !== 'get' && !operation.requestBody;
  for (const status of statuses) {
    const key = String(status);
    const description =
      status === 503 && !path.startsWith('/v1/')
        ? DRAINING_DESCRIPTION
        : (takesNoBody && NO_BODY_DESCRIPTIONS[status]) || EDGE_DESCRIPTIONS[status];
    const existing = operation.responses[key] as ResponseObject | undefined;
    if (!existing) {
      operation.responses[key] = {
        description,
        content: { [PROBLEM_JSON]: { schema: PROBLEM_SCHEMA } },
      };
    } else if (status === 503 && !existing.content?.[PROBLEM_JSON]) {
      // A controller's own 503 (the readiness check) can still be the drain answer.
      existing.description = `${existing.description}; or ${DRAINING_DESCRIPTION}`;
      existing.content = {
        ...(existing.content ?? {}),
        [PROBLEM_JSON]: { schema: PROBLEM_SCHEMA },
      };
    }
  }
}

function sortResponses(operation: OperationObject): void {
  const entries = Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b));
  operation.responses = Object.fromEntries(entries);
}

/**
 * Auth, roles and throttling per route ("METHOD /openapi/{path}"), read from the same metadata
 * the guards read (handler first, then controller).
 */
function collectRouteTraits(app: INestApplication): Map<string, RouteTraits> {
  const reflector = new Reflector();
  const traits = new Map<string, RouteTraits>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller?.prototype) continue;
      const base = normalizePaths(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as
          RequestMethod | undefined;
        if (requestMethod === undefined) continue;
        const targets = [handler, controller];
        const route: RouteTraits = {
          auth: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)
            ? 'public'
            : reflector.getAllAndOverride<boolean>(IS_OPTIONAL_AUTH, targets)
              ? 'optional'
              : 'required',
          roles: reflector.getAllAndOverride<string[] | undefined>(ROLES, targets) ?? [],
          throttled: !reflector.getAllAndOverride<boolean>(`${THROTTLER_SKIP}default`, targets),
          idempotent: [handler, controller].some((target) =>
            (
              (Reflect.getMetadata(INTERCEPTORS_METADATA, target) as unknown[] | undefined) ?? []
            ).includes(IdempotencyInterceptor),
          ),
          idParams: idParams(controller, name),
        };
        for (const prefix of base) {
          for (const sub of normalizePaths(Reflect.getMetadata(PATH_METADATA, handler))) {
            const full = `/${[prefix, sub].filter(Boolean).join('/')}`.replace(
              /:([A-Za-z0-9_]+)/g,
              '{$1}',
            );
            traits.set(`${RequestMethod[requestMethod]} ${full}`, route);
          }
        }
      }
    }
  }
  return traits;
}

/** The names of the path parameters a handler pipes through ParseIdPipe (`@Param('id', ParseIdPipe)`). */
function idParams(controller: Type<unknown>, method: string): Set<string> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { data?: unknown; pipes?: unknown[] }
  >;
  const names = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    if (key.split(':')[0] !== String(RouteParamtypes.PARAM) || typeof arg.data !== 'string')
      continue;
    if ((arg.pipes ?? []).some((p) => p === ParseIdPipe || p instanceof ParseIdPipe))
      names.add(arg.data);
  }
  return names;
}

function normalizePaths(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value ?? ''];
  return list.map((p) => String(p).replace(/^\/+|\/+$/g, ''));
}
