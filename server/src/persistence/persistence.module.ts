import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import type { DatabaseOptions } from './data-source';
import { PostgresCaseStore } from './postgres-case-store';
import { CASE_STORE } from './tokens';

/**
 * The PostgreSQL connection and the engine's case store, for the whole application:
 * inject `DataSource` (read queries) or `@Inject(CASE_STORE) store: CaseStore` anywhere.
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
      providers: [{ provide: CASE_STORE, useFactory: (dataSource: DataSource) => new PostgresCaseStore(dataSource), inject: [DataSource] }],
      exports: [CASE_STORE, TypeOrmModule],
    };
  }
}
