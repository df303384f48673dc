/**
 * Small helpers shared by the store's SQL builders: column lists, typed record sets read from one
 * JSON parameter (`jsonb_to_recordset`), and parameter numbering.
 */

/** The PostgreSQL types the store writes through `jsonb_to_recordset`. */
export type SqlType = 'text' | 'integer' | 'bigint' | 'boolean' | 'timestamptz' | 'jsonb' | 'text[]';

export interface Column {
  name: string;
  type: SqlType;
}

/** Shorthand for a column list: `cols('id text', 'created timestamptz')`. */
export function cols(...specs: string[]): Column[] {
  return specs.map((spec) => {
    const at = spec.indexOf(' ');
    return { name: spec.slice(0, at), type: spec.slice(at + 1) as SqlType };
  });
}

/** `jsonb_to_recordset($n::jsonb) AS r(a text, b integer, …)`: one parameter carries every row. */
export function recordset(param: string, columns: Column[], alias = 'r'): string {
  return `jsonb_to_recordset(${param}::jsonb) AS ${alias}(${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`;
}

/** A select expression that renders a column as JSON, timestamps as `toISOString()` strings. */
export function jsonExpression(alias: string, column: Column): string {
  const ref = `${alias}.${column.name}`;
  return column.type === 'timestamptz' ? `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : ref;
}

/** `json_build_object('a', t.a, …)` over the columns (at most 50 columns: PostgreSQL's argument limit). */
export function jsonObject(alias: string, columns: Column[]): string {
  return `json_build_object(${columns.map((c) => `'${c.name}', ${jsonExpression(alias, c)}`).join(', ')})`;
}

/** Collects positional parameters while a statement is built: `params.add(v)` returns `$n`. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds rows as one JSON parameter for {@link recordset}. */
  json(rows: unknown[]): string {
    return this.add(JSON.stringify(rows));
  }
}

/** An ISO-8601 string for a timestamp column value read directly (pg returns Date). */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
