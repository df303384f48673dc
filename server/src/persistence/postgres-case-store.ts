import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { CaseStore, CaseTransaction } from '../../engine/ports/case-store';
import type { Sql } from './deployment-sql';
import { PostgresCaseTransaction } from './postgres-case-transaction';

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
  constructor(private readonly dataSource: DataSource) {}

  async transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner('master');
    try {
      const client = (await runner.connect()) as PoolClient;
      await runner.startTransaction();
      const sql: Sql = async (text, params) => (await client.query({ name: statementName(text), text, values: params })).rows;
      const result = await work(new PostgresCaseTransaction(sql));
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
