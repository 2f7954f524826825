import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { UNIT_OF_WORK } from '@domain/shared/unit-of-work';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { Migrator } from './migrator';
import { Sql } from './sql';
import { TypeormUnitOfWork } from './typeorm-unit-of-work';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.env), retryAttempts: 3 }),
    }),
    ClsModule.forRoot({
      global: true,
      plugins: [
        new ClsPluginTransactional({
          imports: [TypeOrmModule],
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
        }),
      ],
    }),
  ],
  providers: [Migrator, Sql, { provide: UNIT_OF_WORK, useClass: TypeormUnitOfWork }],
  exports: [UNIT_OF_WORK, Migrator, Sql],
})
export class DatabaseModule {}
