import { context, ROOT_CONTEXT, Span, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { isTracingSuppressed } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { EventEmitter } from 'node:events';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import {
  leanHttpInstrumentation,
  leanIORedisInstrumentation,
  leanMySQL2Instrumentation,
  recordingOnly,
} from './recording-only';

const manager = new AsyncLocalStorageContextManager();
beforeAll(() => context.setGlobalContextManager(manager.enable()));
afterAll(() => {
  manager.disable();
  context.disable();
});

const spanThat = (recording: boolean) =>
  ({
    isRecording: () => recording,
    spanContext: () => ({ traceId: '1'.repeat(32), spanId: '1'.repeat(16), traceFlags: 1 }),
  }) as unknown as Span;

const inSpan = <T>(recording: boolean | null, work: () => T): T =>
  recording === null
    ? context.with(ROOT_CONTEXT, work)
    : context.with(trace.setSpan(ROOT_CONTEXT, spanThat(recording)), work);

describe('recordingOnly', () => {
  it('calls the traced function only under a recording span, the original otherwise', () => {
    const calls: string[] = [];
    const target = { name: 'conn' };
    const original = function (this: { name: string }, a: number) {
      calls.push(`original ${this.name} ${a}`);
      return a;
    };
    const traced = function (this: { name: string }, a: number) {
      calls.push(`traced ${this.name} ${a}`);
      return -a;
    };
    const fn = recordingOnly(original, traced);
    expect(inSpan(true, () => fn.call(target, 1))).toBe(-1);
    expect(inSpan(false, () => fn.call(target, 2))).toBe(2);
    expect(inSpan(null, () => fn.call(target, 3))).toBe(3);
    expect(calls).toEqual(['traced conn 1', 'original conn 2', 'original conn 3']);
  });
});

describe('the lean instrumentations', () => {
  // The tests run the instrumentations' real patch methods (the versions package.json pins):
  // if an upgrade renames them, wrapping throws and these fail.
  it('mysql2: a query outside a recording span goes straight to the driver', () => {
    const instrumentation = leanMySQL2Instrumentation(
      new MySQL2Instrumentation({ enabled: false }),
    );
    const patchQuery = (instrumentation as unknown as Record<string, unknown>)._patchQuery as (
      format: unknown,
      isPrepared: boolean,
    ) => (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown;
    const driverQuery = jest.fn((..._args: unknown[]) => 'result');
    const query = patchQuery(() => 'formatted', false)(driverQuery);
    const callback = () => undefined;
    expect(inSpan(false, () => query.call({ config: {} }, 'SELECT 1', callback))).toBe('result');
    // The driver got the caller's own callback, not a wrapper that would end a span.
    expect(driverQuery).toHaveBeenCalledWith('SELECT 1', callback);
  });

  it('ioredis: a command outside a recording span goes straight to the client', () => {
    const instrumentation = leanIORedisInstrumentation(
      new IORedisInstrumentation({ enabled: false }),
    );
    const holder = instrumentation as unknown as Record<
      string,
      (
        original: (...args: unknown[]) => unknown,
        version?: string,
      ) => (...args: unknown[]) => unknown
    >;
    const send = jest.fn((..._args: unknown[]) => 'sent');
    const command = { name: 'get', args: ['k'] };
    expect(inSpan(null, () => holder._traceSendCommand(send, '5.0.0').call({}, command))).toBe(
      'sent',
    );
    expect(send).toHaveBeenCalledWith(command);
    const connect = jest.fn(() => 'connected');
    expect(inSpan(false, () => holder._traceConnection(connect).call({}))).toBe('connected');
  });
});

describe('the lean HTTP instrumentation', () => {
  it('runs an untraced request with tracing suppressed, its body events included', () => {
    const instrumentation = leanHttpInstrumentation(
      new HttpInstrumentation({ enabled: false }),
      () => false,
    );
    const incoming = (instrumentation as unknown as Record<string, unknown>)
      ._incomingRequestFunction as (
      component: string,
      original: (...args: unknown[]) => unknown,
    ) => (...args: unknown[]) => unknown;
    const seen: boolean[] = [];
    const request = new EventEmitter();
    const emit = incoming('http', (event: unknown) => {
      seen.push(isTracingSuppressed(context.active()));
      // A listener added while handling the request runs in its context when the body arrives.
      if (event === 'request')
        request.on('end', () => seen.push(isTracingSuppressed(context.active())));
      return true;
    });
    inSpan(null, () => emit.call({}, 'request', request, new EventEmitter()));
    inSpan(null, () => request.emit('end'));
    // Other server events pass straight through.
    inSpan(null, () => emit.call({}, 'connection', {}));
    expect(seen).toEqual([true, true, false]);
  });
});
