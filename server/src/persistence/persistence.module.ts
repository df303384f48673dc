import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DataCipher, dataCipherFor } from '../security/data-cipher';
import { dataSourceOptions } from './data-source';
import type { DatabaseOptions } from './data-source';
import { PostgresCaseStore } from './postgres-case-store';
import { ScopedDataSource } from './tenant-scope';
import { CASE_STORE } from './tokens';

/**
 * The PostgreSQL connection and the engine's case store, for the whole application:
 * inject `DataSource` (read queries), `@Inject(CASE_STORE) store: CaseStore` or the `DataCipher` of
 * sensitive variables anywhere.
 * Import once from the root module. Migrations are not run here: call `runMigrations` before boot.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(options), retryAttempts: 5, retryDelay: 1000 }),
        }),
      ],
      providers: [
        // The keys of sensitive variables (docs/encryption.md); none when built without the app's config.
        {
          provide: DataCipher,
          useFactory: (config?: AppConfig) => (config ? dataCipherFor(config) : DataCipher.none()),
          inject: [{ token: AppConfig, optional: true }],
        },
        {
          provide: CASE_STORE,
          useFactory: (dataSource: DataSource, cipher: DataCipher) => new PostgresCaseStore(dataSource, cipher),
          inject: [DataSource, DataCipher],
        },
        ScopedDataSource,
      ],
      exports: [CASE_STORE, TypeOrmModule, ScopedDataSource, DataCipher],
    };
  }
}
