import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, CONFIG_KEY } from './app-config';
import { validateEnvironment } from './env.schema';

@Global()
@Module({})
export class AppConfigModule {
  /** Reads and validates the environment when called (not at import), once per app instance. */
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          // loadEnvFile() (each entry point) has already merged `.env` into process.env.
          ignoreEnvFile: true,
          validate: (raw) => ({ [CONFIG_KEY]: validateEnvironment(raw) }),
        }),
      ],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
