/**
 * Shared plumbing of the read-side repositories: one page of rows and the matching count,
 * both from the same FROM + WHERE.
 */
/** Anything that runs a parameterised query (the scoped data source, a transaction's manager). */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(text: string, params?: unknown[]): Promise<any>;
}
import { SqlWhere, limitOffset } from './sql-query';
import type { PageInput } from './sql-query';

/** Raw row as the pg driver returns it. */
export type Row = Record<string, unknown>;

/** One page of rows: `SELECT select FROM from WHERE … ORDER BY … LIMIT/OFFSET`. */
export async function selectPage(db: Queryable, select: string, from: string, where: SqlWhere, order: string, page: PageInput): Promise<Row[]> {
  const paging = limitOffset(where, page);
  return db.query(`SELECT ${select} FROM ${from} ${where.toSql()} ${order}${paging}`, where.params);
}

/** The number of rows the same FROM + WHERE matches. */
export async function selectCount(db: Queryable, from: string, where: SqlWhere): Promise<number> {
  const rows: { count: number }[] = await db.query(`SELECT count(*)::int AS count FROM ${from} ${where.toSql()}`, where.params);
  return rows[0]?.count ?? 0;
}

/** pg returns bigint as text; durations fit in a JS number. */
export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function str(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Convenience for repositories whose list and count share one filter builder. */
export function where(): SqlWhere {
  return new SqlWhere();
}
