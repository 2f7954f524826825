import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, CONFIG_KEY } from './app-config';
import { validateEnvironment } from './env.schema';

@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      envFilePath: '.env',
      cache: true,
      validate: (raw) => ({ [CONFIG_KEY]: validateEnvironment(raw) }),
    }),
  ],
  providers: [AppConfig],
  exports: [AppConfig],
})
export class AppConfigModule {}
