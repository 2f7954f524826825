import 'reflect-metadata';
import { exitOnStartupFailure, loadConfigurationOrExit } from './infrastructure/config/startup';
import { startTracing, tracingStartupDone } from './tracing';

process.env.WORKERS_ENABLED = 'true';
const env = loadConfigurationOrExit();
startTracing(env, 'atrium-worker')
  .then(() => import('./worker-process'))
  .then(({ startWorker }) => startWorker())
  .then(tracingStartupDone)
  .catch(exitOnStartupFailure);
