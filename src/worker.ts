import 'reflect-metadata';
import { exitOnStartupFailure, loadConfigurationOrExit } from './infrastructure/config/startup';

process.env.WORKERS_ENABLED = 'true';
loadConfigurationOrExit();
import('./worker-process').then(({ startWorker }) => startWorker()).catch(exitOnStartupFailure);
