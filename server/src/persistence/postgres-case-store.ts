import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { CaseStore, CaseTransaction } from '../../engine/ports/case-store';
import type { Sql } from './deployment-sql';
import { PostgresCaseTransaction } from './postgres-case-transaction';
import { ENTER_TENANT_SCOPE, scopeTenantId } from './tenant-scope';
import { DataCipher } from '../security/data-cipher';

const names = new Map<string, string>();

/** A prepared-statement name per SQL text, so each connection parses and plans a statement shape once. */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `sp_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < 10_000) {
      names.set(text, name);
    }
  }
  return name;
}

/**
 * The engine's `CaseStore` on PostgreSQL. Each `transaction` takes one pooled connection,
 * runs the work between BEGIN and COMMIT, rolls back (and rethrows) when the work throws,
 * and always gives the connection back.
 */
export class PostgresCaseStore implements CaseStore {
  /** @param cipher for sensitive variables and action reasons (default: none, so neither can be saved) */
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: DataCipher = DataCipher.none(),
  ) {}

  async transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner('master');
    try {
      const client = (await runner.connect()) as PoolClient;
      await runner.startTransaction();
      const tenantId = scopeTenantId();
      if (tenantId !== null) await client.query({ name: 'safepath_enter_tenant_scope', text: ENTER_TENANT_SCOPE, values: [tenantId] });
      const sql: Sql = async (text, params) => (await client.query({ name: statementName(text), text, values: params })).rows;
      const result = await work(new PostgresCaseTransaction(sql, this.cipher));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) {
        try {
          await runner.rollbackTransaction();
        } catch {
          // The connection is broken; PostgreSQL discards the transaction with it. Report the original error.
        }
      }
      throw error;
    } finally {
      await runner.release();
    }
  }
}
