/**
 * The database half of "each organisation sees only its own cases".
 *
 * Every transaction opened for an organisation's caller first switches to the `safepath_tenant`
 * role and sets `safepath.tenant_id`, both `LOCAL` to the transaction; PostgreSQL's row-level
 * security policies on every case table then hide and refuse other organisations' rows whatever
 * the SQL says. The service layer filters by organisation as well; either alone would hold.
 * Work without an organisation scope (the engine's timers, boot, the platform administrator)
 * runs as the table owner.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TENANT_ROLE } from '../../../migrations/1764000000003-Identity';
import { currentDataScope } from '../security/request-context';

/** Switches the current transaction to the organisation's row-level security scope. */
export const ENTER_TENANT_SCOPE = `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('safepath.tenant_id', $1, true)`;

/** The organisation whose rows the current code is limited to, or null for all rows. */
export function scopeTenantId(): string | null {
  return currentDataScope().tenantId;
}

/**
 * What the read-side repositories use instead of the DataSource: the same `query` and
 * `transaction`, but inside the caller's row-level security scope.
 */
@Injectable()
export class ScopedDataSource {
  constructor(private readonly dataSource: DataSource) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(text: string, params?: unknown[]): Promise<T> {
    const tenantId = scopeTenantId();
    if (tenantId === null) return this.dataSource.query(text, params);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(ENTER_TENANT_SCOPE, [tenantId]);
      return manager.query(text, params);
    });
  }

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const tenantId = scopeTenantId();
    return this.dataSource.transaction(async (manager) => {
      if (tenantId !== null) await manager.query(ENTER_TENANT_SCOPE, [tenantId]);
      return work(manager);
    });
  }
}
