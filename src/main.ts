import 'reflect-metadata';
import { exitOnStartupFailure, loadConfigurationOrExit } from './infrastructure/config/startup';
import { startTracing, tracingStartupDone } from './tracing';

// The configuration is checked before the application's modules are even loaded (some read it
// at load time), so a bad variable ends the start with one clear line, not a stack trace.
// Tracing starts next, before Fastify, mysql2 and ioredis are loaded (it patches them).
const env = loadConfigurationOrExit();
startTracing(env, 'atrium-api')
  .then(() => import('./api'))
  .then(({ startApi }) => startApi())
  .then(tracingStartupDone)
  .catch(exitOnStartupFailure);
