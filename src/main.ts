import 'reflect-metadata';
import { exitOnStartupFailure, loadConfigurationOrExit } from './infrastructure/config/startup';

// The configuration is checked before the application's modules are even loaded (some read it
// at load time), so a bad variable ends the start with one clear line, not a stack trace.
loadConfigurationOrExit();
import('./api').then(({ startApi }) => startApi()).catch(exitOnStartupFailure);
