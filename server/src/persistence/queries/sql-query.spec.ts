import { EngineError } from '../../../engine/engine-error';
import { SqlWhere, limitOffset, orderBy } from './sql-query';

const columns = { created: 't.created', name: 't.name' };

describe('SqlWhere', () => {
  it('binds every value as a numbered parameter and skips missing filters', () => {
    // given
    const where = new SqlWhere();
    // when
    where.eq('t.assignee', "o'brien").eq('t.owner', undefined).in('t.tenant_id', ['a', 'b']).like('t.name', '%x%', true);
    // then
    expect(where.toSql()).toBe('WHERE t.assignee = $1 AND t.tenant_id = ANY($2) AND t.name ILIKE $3');
    expect(where.params).toEqual(["o'brien", ['a', 'b'], '%x%']);
  });

  it('parses date filters and rejects bad dates with a 400', () => {
    const where = new SqlWhere().date('t.due', '<', '2026-11-23T09:30:00.000+0000', 'dueBefore');
    expect(where.params).toEqual([new Date('2026-11-23T09:30:00Z')]);
    expect(() => new SqlWhere().date('t.due', '<', 'soon', 'dueBefore')).toThrow(/dueBefore/);
  });

  it('combines tenantIdIn and withoutTenantId with OR', () => {
    const where = new SqlWhere().tenants('t.tenant_id', ['org1'], true);
    expect(where.toSql()).toBe('WHERE (t.tenant_id = ANY($1) OR t.tenant_id IS NULL)');
  });

  it('yields no WHERE without clauses', () => {
    expect(new SqlWhere().toSql()).toBe('');
  });
});

describe('orderBy', () => {
  it('uses whitelisted columns, the default and a tie-break', () => {
    expect(orderBy({ sortBy: 'name', sortOrder: 'desc' }, columns, 't.created ASC', 't.id ASC')).toBe('ORDER BY t.name DESC NULLS LAST, t.id ASC');
    expect(orderBy({}, columns, 't.created ASC', 't.id ASC')).toBe('ORDER BY t.created ASC, t.id ASC');
    expect(orderBy({ sorting: [{ sortBy: 'created', sortOrder: 'asc' }, { sortBy: 'name', sortOrder: 'desc' }] }, columns, 'x', 't.id')).toBe(
      'ORDER BY t.created ASC NULLS LAST, t.name DESC NULLS LAST, t.id',
    );
  });

  it('rejects unknown columns, sortBy without sortOrder and bad orders', () => {
    expect(() => orderBy({ sortBy: 'name; DROP TABLE task', sortOrder: 'asc' }, columns, 'x', 'y')).toThrow(EngineError);
    expect(() => orderBy({ sortBy: 'name' }, columns, 'x', 'y')).toThrow('sortBy and sortOrder required');
    expect(() => orderBy({ sortBy: 'name', sortOrder: 'up' }, columns, 'x', 'y')).toThrow(/sortOrder/);
  });
});

describe('limitOffset', () => {
  it('binds paging and rejects negatives', () => {
    const where = new SqlWhere();
    expect(limitOffset(where, { firstResult: 10, maxResults: 5 })).toBe(' LIMIT $1 OFFSET $2');
    expect(where.params).toEqual([5, 10]);
    expect(() => limitOffset(new SqlWhere(), { maxResults: -1 })).toThrow(/maxResults/);
  });
});
