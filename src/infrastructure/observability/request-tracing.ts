import { context, Span, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const REQUEST_ID_ATTRIBUTE = 'http.request_id';

const SERVER_SPAN = Symbol('atrium.serverSpan');

type TracedRequest = FastifyRequest & { [SERVER_SPAN]?: Span };

/**
 * Names the HTTP server span after its route (`POST /v1/transfers`, `http.route`) and gives it
 * the request id, from a Fastify `onRequest` hook: what `@fastify/otel` did, without its own
 * span and hooks on every request. Only a recording span is touched; an unsampled request
 * (tracing suppressed at the edge) passes with one test. Registered only while tracing is on.
 */
export function registerRequestTracing(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const span = trace.getActiveSpan();
    if (span?.isRecording()) {
      const route = request.routeOptions.url;
      if (route) {
        // The HTTP instrumentation reads the route from here when the response ends (span name
        // and `http.route`).
        const rpc = getRPCMetadata(context.active());
        if (rpc) rpc.route = route;
      }
      // The request id (X-Request-Id, `requestId` of problem+json answers) finds the trace.
      span.setAttribute(REQUEST_ID_ATTRIBUTE, request.id);
      (request as TracedRequest)[SERVER_SPAN] = span;
    }
    done();
  });
}

/** The HTTP server span of a traced request (undefined for an unsampled one). */
export function serverSpanOf(request: FastifyRequest): Span | undefined {
  return (request as TracedRequest)[SERVER_SPAN];
}
