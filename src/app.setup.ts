import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './infrastructure/config/app-config';
import { needsNoStore, NO_STORE } from './infrastructure/http/cache-control';
import { perIpLimiter } from './infrastructure/http/per-ip-limit';
import { ProblemDetailsFilter } from './infrastructure/http/problem-details.filter';
import { RedisThrottlerStorage } from './infrastructure/http/redis-throttler.storage';
import { buildOpenApiDocument } from './infrastructure/http/openapi';
import { securityHeaders } from './infrastructure/http/security-headers';
import { createValidationPipe } from './infrastructure/http/validation';
import { registerDrainingGuard } from './infrastructure/http/edge-problems';
import { overloadSettings, registerOverloadShedding } from './infrastructure/http/overload';
import { JsonShapeError, jsonShapeViolation } from './infrastructure/http/json-limits';
import { Metrics } from './infrastructure/observability/metrics';
import {
  registerRequestTracing,
  serverSpanOf,
} from './infrastructure/observability/request-tracing';
import { sampledTraceId, tracingEnabled } from './infrastructure/observability/tracing';
import { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from './infrastructure/queue/queue-dashboard';
import { JwtStrategy } from './modules/identity/auth/jwt.strategy';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** The sandbox payment provider's pages (src/infrastructure/payment/sandbox/). */
const SANDBOX_PREFIX = '/sandbox/';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body's text as received, for signatures over the exact bytes (webhooks). */
    rawBody?: string;
  }
}

/** Fastify's own 415, as its parser lookup answers a content type nobody accepts. */
function unsupportedMediaType(contentType: string | undefined): Error {
  return Object.assign(new Error(`Unsupported Media Type: ${contentType ?? ''}`), {
    statusCode: 415,
    code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  });
}
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Everything about the HTTP edge that is not a module: security headers, CORS, problem+json,
 * validation, metrics hook, Swagger. Shared by main.ts, the e2e tests and the benchmarks, so
 * they all exercise the same pipeline.
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();

  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());

  // Only JSON bodies: anything else is 415 instead of being half-parsed. An empty body sent with
  // Content-Type: application/json (what many fetch wrappers send on a body-less POST) is no
  // body at all, not malformed JSON; operations that need a body still answer 400 for it.
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (request, body, done) => {
      const text = body.toString();
      // Kept for signature checks on the exact bytes (payment webhooks): the string exists
      // anyway, so this costs a reference.
      request.rawBody = text;
      if (text.trim() === '') return done(null, undefined);
      // Shape limits (depth, keys, array length, values) are checked here, in one linear pass,
      // before class-transformer/class-validator see the body: their cost grows with it.
      return parseJson(request, text, (err, parsed) => {
        if (err) return done(err, undefined);
        const violation = jsonShapeViolation(parsed);
        return violation ? done(new JsonShapeError(violation), undefined) : done(null, parsed);
      });
    },
  );

  // Form posts are for the sandbox provider's checkout page only (a browser posts its form so);
  // everywhere else such a body is 415 like any other non-JSON one.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (request, body, done) => {
      if (!request.url.startsWith(SANDBOX_PREFIX))
        return done(unsupportedMediaType(request.headers['content-type']), undefined);
      return done(null, Object.fromEntries(new URLSearchParams(body.toString())));
    },
  );

  const tracing = tracingEnabled();
  if (tracing) registerRequestTracing(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    if (tracing) {
      // The trace of this request, when it is sampled (docs/observability.md).
      const span = serverSpanOf(request);
      const traceId = span && sampledTraceId(span);
      if (traceId) reply.header('X-Trace-Id', traceId);
    }
    // Draining (SIGTERM): requests already in flight finish, and their keep-alive connections
    // close with them instead of holding the shutdown open until the keep-alive timeout.
    if (!fastify.server.listening) reply.header('Connection', 'close');
  });
  // One histogram child per (method, route template, status), resolved once: prom-client would
  // otherwise hash the label set on every observation.
  const durations = new Map<string, { observe(seconds: number): void }>();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const latencyMs = reply.elapsedTime;
    const status = String(reply.statusCode);
    const key = `${request.method} ${route} ${status}`;
    let duration = durations.get(key);
    if (!duration) {
      duration = metrics.httpDuration.labels(request.method, route, status);
      durations.set(key, duration);
    }
    duration.observe(latencyMs / 1000);
    if (!QUIET_ROUTES.has(route)) {
      request.log.info(
        {
          method: request.method,
          route,
          url: request.url,
          status: reply.statusCode,
          latencyMs: Math.round(latencyMs * 10) / 10,
        },
        'request completed',
      );
    }
    done();
  });

  // HTML pages (Swagger UI, the queue dashboard) get helmet's full set with a CSP they can run
  // under; JSON answers get the short OWASP REST set, which also forbids framing and any content
  // loading outright. Both sets are computed once.
  const pageHeaders = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  const apiHeaders = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'strict-transport-security': pageHeaders['strict-transport-security'],
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    reply.headers(
      url.startsWith('/docs') ||
        url.startsWith(QUEUE_DASHBOARD_PATH) ||
        url.startsWith(SANDBOX_PREFIX)
        ? pageHeaders
        : apiHeaders,
    );
    if (needsNoStore(url)) reply.header('cache-control', NO_STORE);
    done();
  });
  // After the security headers (a hook that answers ends the onRequest chain).
  registerDrainingGuard(fastify);
  await registerOverloadShedding(fastify, overloadSettings(config.env));
  const origins = config.corsOrigins;
  if (origins !== false) {
    app.enableCors({
      origin: origins,
      exposedHeaders: ['X-Request-Id', 'X-Trace-Id', 'Retry-After', 'Idempotent-Replayed'],
    });
  }

  // The same checks as every API request: pinned algorithm, signature, expiry, live session.
  const jwt = app.get(JwtService, { strict: false });
  const strategy = app.get(JwtStrategy, { strict: false });
  // It is a Fastify plugin, outside Nest's guards: the per-IP limit is applied to it explicitly.
  await mountQueueDashboard(
    app,
    async (token) => strategy.principalFor(await jwt.verifyAsync(token)),
    perIpLimiter(
      app.get(RedisThrottlerStorage, { strict: false }),
      config.env.RATE_LIMIT_PER_MINUTE,
    ),
  );

  setupSwagger(app);
}

function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
