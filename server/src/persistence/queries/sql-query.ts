/**
 * A tiny builder for parameterised read queries: filters add `$n` placeholders (values never
 * enter the SQL text), sorting only uses whitelisted columns, paging is bound as parameters.
 * List and count endpoints share one `SqlWhere` so they always agree.
 */
import { invalidRequest } from '../../../engine/engine-error';
import { parseCamundaDate } from '../../engine-rest/camunda-date';

/** Camunda's sort parameters (GET: sortBy+sortOrder; POST body: `sorting` array). */
export interface SortInput {
  sortBy?: string;
  sortOrder?: string;
  sorting?: { sortBy?: string; sortOrder?: string }[];
}

/** Camunda's paging parameters. */
export interface PageInput {
  firstResult?: number;
  maxResults?: number;
}

/** WHERE clauses and their parameters. Every helper ignores `undefined` (= filter not given). */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Binds a value and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a literal clause (no values in it: use `param`). */
  add(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  when(condition: boolean | undefined, clause: string): this {
    if (condition) this.add(clause);
    return this;
  }

  eq(column: string, value: unknown): this {
    if (value !== undefined) this.add(`${column} = ${this.param(value)}`);
    return this;
  }

  like(column: string, value: string | undefined, caseInsensitive = false): this {
    if (value !== undefined) this.add(`${column} ${caseInsensitive ? 'ILIKE' : 'LIKE'} ${this.param(value)}`);
    return this;
  }

  in(column: string, values: readonly unknown[] | undefined): this {
    if (values !== undefined) this.add(`${column} = ANY(${this.param(values)})`);
    return this;
  }

  compare(column: string, op: '<' | '<=' | '>' | '>=' | '=', value: unknown): this {
    if (value !== undefined) this.add(`${column} ${op} ${this.param(value)}`);
    return this;
  }

  /** A date filter from Camunda's text format; 400 when the text is not a date. */
  date(column: string, op: '<' | '<=' | '>' | '>=' | '=', text: string | undefined, parameter: string): this {
    if (text !== undefined) this.compare(column, op, toDate(text, parameter));
    return this;
  }

  /** Camunda's tenant filters: tenantIdIn and withoutTenantId (either matches when both are given). */
  tenants(column: string, tenantIdIn: string[] | undefined, withoutTenantId: boolean | undefined): this {
    if (tenantIdIn !== undefined && withoutTenantId) {
      this.add(`(${column} = ANY(${this.param(tenantIdIn)}) OR ${column} IS NULL)`);
    } else {
      this.in(column, tenantIdIn);
      this.when(withoutTenantId, `${column} IS NULL`);
    }
    return this;
  }

  toSql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** Parses a date query parameter or throws 400 naming it. */
export function toDate(text: string, parameter: string): Date {
  const date = parseCamundaDate(text);
  if (!date) {
    throw invalidRequest(`Cannot set query parameter '${parameter}' to value '${text}': expected a date in the format yyyy-MM-dd'T'HH:mm:ss.SSSZ`);
  }
  return date;
}

/**
 * ORDER BY from Camunda's sort parameters. `columns` whitelists sortBy values → SQL expressions;
 * `tieBreak` keeps paging stable. Throws 400 for unknown sortBy or a sortBy without sortOrder.
 */
export function orderBy(sort: SortInput, columns: Record<string, string>, defaultOrder: string, tieBreak: string): string {
  const entries: { sortBy?: string; sortOrder?: string }[] = [];
  if (sort.sortBy !== undefined || sort.sortOrder !== undefined) {
    if (sort.sortBy === undefined || sort.sortOrder === undefined) {
      throw invalidRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
    }
    entries.push({ sortBy: sort.sortBy, sortOrder: sort.sortOrder });
  }
  entries.push(...(sort.sorting ?? []));
  const parts = entries.map(({ sortBy, sortOrder }) => {
    if (sortBy === undefined || sortOrder === undefined) {
      throw invalidRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
    }
    if (!Object.prototype.hasOwnProperty.call(columns, sortBy)) {
      throw invalidRequest(`Cannot set query parameter 'sortBy' to value '${sortBy}'; allowed: ${Object.keys(columns).join(', ')}`);
    }
    const order = sortOrder.toLowerCase();
    if (order !== 'asc' && order !== 'desc') {
      throw invalidRequest(`Cannot set query parameter 'sortOrder' to value '${sortOrder}'; allowed: asc, desc`);
    }
    return `${columns[sortBy]} ${order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`;
  });
  return `ORDER BY ${[...(parts.length ? parts : [defaultOrder]), tieBreak].join(', ')}`;
}

/** LIMIT/OFFSET as bound parameters; negative values are a 400. */
export function limitOffset(where: SqlWhere, page: PageInput): string {
  const { firstResult, maxResults } = page;
  for (const [name, value] of [['firstResult', firstResult], ['maxResults', maxResults]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw invalidRequest(`Cannot set query parameter '${name}' to value '${value}': expected a whole number ≥ 0`);
    }
  }
  let sql = '';
  if (maxResults !== undefined) sql += ` LIMIT ${where.param(maxResults)}`;
  if (firstResult !== undefined && firstResult > 0) sql += ` OFFSET ${where.param(firstResult)}`;
  return sql;
}

/** Splits Camunda's comma-separated list parameters; arrays pass through. */
export function splitList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : value.split(',').filter((part) => part !== '');
}
