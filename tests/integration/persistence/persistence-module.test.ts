import { MIGRATIONS } from '../../../migrations';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { CaseStore } from '../../../server/engine/ports/case-store';
import { runMigrations } from '../../../server/src/persistence/data-source';
import { PersistenceModule } from '../../../server/src/persistence/persistence.module';
import { PostgresCaseStore } from '../../../server/src/persistence/postgres-case-store';
import { CASE_STORE } from '../../../server/src/persistence/tokens';
import { deployProcess } from '../../support/case-fixtures';
import { createTestDatabase } from '../../support/test-database';
import type { TestDatabase } from '../../support/test-database';

describe('PersistenceModule', () => {
  let db: TestDatabase;
  let app: TestingModule;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await Test.createTestingModule({ imports: [PersistenceModule.forRoot({ url: db.url, schema: db.schema })] }).compile();
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('provides a case store and a DataSource on the configured schema', async () => {
    // given
    const store = app.get<CaseStore>(CASE_STORE);
    const dataSource = app.get(DataSource);

    // when
    const definition = await store.transaction((tx) => deployProcess(tx, { key: 'via-nest' }));

    // then
    expect(store).toBeInstanceOf(PostgresCaseStore);
    const rows: { key: string; schema: string }[] = await dataSource.query('SELECT key, current_schema() AS schema FROM process_definition WHERE id = $1', [
      definition.id,
    ]);
    expect(rows).toEqual([{ key: 'via-nest', schema: db.schema }]);
  });

  it('runs migrations again without changes', async () => {
    // when
    await runMigrations(db.url, db.schema);

    // then
    const rows: { name: string }[] = await db.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    expect(rows).toHaveLength(new Set(rows.map((r) => r.name)).size);
  });
});
