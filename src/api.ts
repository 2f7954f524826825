import { createApp } from './app.factory';
import { AppConfig } from './infrastructure/config/app-config';

/** The HTTP API process (loaded by main.ts once the configuration is known to be valid). */
export async function startApi(): Promise<void> {
  const app = await createApp();
  const config = app.get(AppConfig);
  await app.listen(config.env.PORT, config.env.HOST);
}
