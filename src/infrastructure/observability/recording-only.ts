import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { IncomingMessage } from 'node:http';

type AnyFunction = (this: any, ...args: any[]) => any;

/**
 * `traced` while a recording span is active, else `original` itself: a statement or command
 * outside a sampled trace (an unsampled request, a poller) costs one test instead of a span's
 * attributes, its masking and a wrapped callback that the sampler then throws away.
 */
export function recordingOnly<F extends AnyFunction>(original: F, traced: F): F {
  return function (this: unknown, ...args: unknown[]) {
    return trace.getActiveSpan()?.isRecording()
      ? traced.apply(this, args)
      : original.apply(this, args);
  } as F;
}

/**
 * Neither the mysql2 nor the ioredis instrumentation can skip work for a parent that is not
 * recording (ioredis's `requireParentSpan` only tests that there is one). These wrap the
 * instrumentations' own patch methods (versions pinned in package.json; a unit test fails if an
 * upgrade renames them) so that the function they install falls through to the original unless a
 * recording span is active. Call before the SDK starts (the patches run as the modules load).
 */
export function leanMySQL2Instrumentation<T extends object>(instrumentation: T): T {
  wrapMethod(instrumentation, '_patchQuery', (patchQuery) => (...args: unknown[]) => {
    const patch = patchQuery(...args) as (original: AnyFunction) => AnyFunction;
    return (original: AnyFunction) => recordingOnly(original, patch(original));
  });
  return instrumentation;
}

export function leanIORedisInstrumentation<T extends object>(instrumentation: T): T {
  for (const method of ['_traceSendCommand', '_traceConnection'])
    wrapMethod(
      instrumentation,
      method,
      (traceFn) =>
        (original: AnyFunction, ...rest: unknown[]) =>
          recordingOnly(original, traceFn(original, ...rest) as AnyFunction),
    );
  return instrumentation;
}

function wrapMethod(
  target: object,
  name: string,
  wrap: (bound: (...args: unknown[]) => unknown) => AnyFunction,
): void {
  const holder = target as Record<string, unknown>;
  const fn = holder[name];
  if (typeof fn !== 'function')
    throw new Error(
      `${target.constructor.name}.${name} is not there: the instrumentation changed, see recording-only.ts`,
    );
  holder[name] = wrap((fn as AnyFunction).bind(target));
}

/** Every unsampled request runs in this one context (it starts from the root context anyway). */
const SUPPRESSED = suppressTracing(ROOT_CONTEXT);

/**
 * The HTTP instrumentation, with requests that `traced` refuses handled here at the lowest cost:
 * they run with tracing suppressed (nothing under them starts a span, and what they append to
 * the outbox is marked unsampled, see captureTraceContext), and only the request stream is bound
 * to that context (its body's `data`/`end` events lead to the handler). The instrumentation's own
 * path for ignored requests (`ignoreIncomingRequestHook`) builds a new context and binds the
 * response too, on every request.
 */
export function leanHttpInstrumentation<T extends object>(
  instrumentation: T,
  traced: (request: IncomingMessage) => boolean,
): T {
  wrapMethod(
    instrumentation,
    '_incomingRequestFunction',
    (incomingRequest) => (component: unknown, original: AnyFunction) => {
      const instrumented = incomingRequest(component, original) as AnyFunction;
      return function (this: unknown, ...args: unknown[]) {
        const request = args[1] as IncomingMessage;
        if (args[0] !== 'request' || traced(request)) return instrumented.apply(this, args);
        return context.with(SUPPRESSED, () => {
          context.bind(SUPPRESSED, request);
          return original.apply(this, args);
        });
      };
    },
  );
  return instrumentation;
}
