import type { InstanceState } from '../../engine/runtime/state';
import { INSTANCE_COLUMNS, instanceFromRow, instanceToRow } from './instance-row';
import { COLLECTION_TABLES } from './instance-tables';
import type { CollectionTable, Row } from './instance-tables';
import { Params, jsonObject, recordset } from './sql-columns';

/**
 * SQL for loading and saving whole instances. A load is one statement (the instance row with
 * every collection aggregated as JSON); a save is one statement too (data-modifying CTEs for the
 * instance row and every changed collection), so a whole engine step costs few round trips.
 */

/** A statement with its positional parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** What changed in one collection since it was loaded (or everything, for a new instance). */
export interface CollectionChanges {
  table: CollectionTable;
  inserts: Row[];
  updates: Row[];
  deletes: string[];
}

/** The rows of an instance as last loaded or saved: per table, id → serialised row. */
export type InstanceSnapshot = Map<string, Map<string, string>>;

/** Loads one instance with all collections: `$1` = instance id; one row `{instance, <table>…}` or none. */
export const LOAD_INSTANCE_SQL = `SELECT ${jsonObject('pi', INSTANCE_COLUMNS)} AS instance,
${COLLECTION_TABLES.map(
  (t) =>
    `  (SELECT coalesce(json_agg(${jsonObject('t', t.columns)} ORDER BY t.seq), '[]'::json) FROM ${t.table} t WHERE t.instance_id = pi.id) AS ${t.table}`,
).join(',\n')}
FROM process_instance pi WHERE pi.id = $1`;

/** Turns the row of {@link LOAD_INSTANCE_SQL} into an `InstanceState`. */
export function instanceFromLoad(row: Record<string, unknown>): InstanceState {
  const state = instanceFromRow(row.instance as Row);
  for (const table of COLLECTION_TABLES) {
    (state[table.collection] as unknown[]) = (row[table.table] as Row[]).map((r) => table.fromRow(r));
  }
  return state;
}

/** The serialised rows of every collection, to diff a later save against. */
export function snapshotOf(state: InstanceState): InstanceSnapshot {
  const snapshot: InstanceSnapshot = new Map();
  for (const table of COLLECTION_TABLES) {
    const rows = new Map<string, string>();
    for (const entry of state[table.collection] as { id: string }[]) {
      rows.set(entry.id, JSON.stringify(table.toRow(entry, state)));
    }
    snapshot.set(table.table, rows);
  }
  return snapshot;
}

/** Diffs the state's collections by id against a snapshot (no snapshot: everything is new). */
export function changesOf(state: InstanceState, before: InstanceSnapshot | null): CollectionChanges[] {
  const changes: CollectionChanges[] = [];
  for (const table of COLLECTION_TABLES) {
    const old = before?.get(table.table) ?? new Map<string, string>();
    const seen = new Set<string>();
    const change: CollectionChanges = { table, inserts: [], updates: [], deletes: [] };
    for (const entry of state[table.collection] as { id: string }[]) {
      const row = table.toRow(entry, state);
      seen.add(entry.id);
      const previous = old.get(entry.id);
      if (previous === undefined) {
        change.inserts.push(row);
      } else if (previous !== JSON.stringify(row)) {
        change.updates.push(row);
      }
    }
    for (const id of old.keys()) {
      if (!seen.has(id)) {
        change.deletes.push(id);
      }
    }
    if (change.inserts.length + change.updates.length + change.deletes.length > 0) {
      changes.push(change);
    }
  }
  return changes;
}

function collectionStatements(changes: CollectionChanges[], params: Params, instanceParam: string, gate: string | null): string[] {
  const ctes: string[] = [];
  const and = gate ? ` AND ${gate}` : '';
  const where = gate ? ` WHERE ${gate}` : '';
  for (const { table, inserts, updates, deletes } of changes) {
    const names = table.columns.map((c) => c.name);
    if (deletes.length > 0) {
      ctes.push(
        `d_${table.table} AS (DELETE FROM ${table.table} WHERE instance_id = ${instanceParam} AND id = ANY(${params.add(deletes)}::text[])${and})`,
      );
    }
    if (updates.length > 0) {
      const set = names.filter((n) => n !== 'id');
      ctes.push(
        `u_${table.table} AS (UPDATE ${table.table} t SET (${set.join(', ')}) = (${set.map((n) => `r.${n}`).join(', ')}) ` +
          `FROM ${recordset(params.json(updates), table.columns)} WHERE t.id = r.id AND t.instance_id = ${instanceParam}${and})`,
      );
    }
    if (inserts.length > 0) {
      ctes.push(
        `i_${table.table} AS (INSERT INTO ${table.table} (instance_id, ${names.join(', ')}) ` +
          `SELECT ${instanceParam}::text, ${names.map((n) => `r.${n}`).join(', ')} FROM ${recordset(params.json(inserts), table.columns)}${where})`,
      );
    }
  }
  return ctes;
}

/** Inserts a new instance with all its rows; returns one row `{version}`. */
export function insertInstanceStatement(state: InstanceState, changes: CollectionChanges[]): Statement {
  const params = new Params();
  const id = params.add(state.id);
  const names = INSTANCE_COLUMNS.map((c) => c.name);
  const ctes = [
    `inst AS (INSERT INTO process_instance (${names.join(', ')}) SELECT ${names.map((n) => `r.${n}`).join(', ')} ` +
      `FROM ${recordset(params.json([instanceToRow(state)]), INSTANCE_COLUMNS)} RETURNING version)`,
    ...collectionStatements(changes, params, id, null),
  ];
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT version FROM inst`, params: params.values };
}

/**
 * Bumps the version of a loaded instance (only when it still has `loadedVersion`) and applies the
 * collection changes; returns one row `{version}`, or none when someone else saved first.
 */
export function updateInstanceStatement(state: InstanceState, loadedVersion: number, changes: CollectionChanges[]): Statement {
  const params = new Params();
  const id = params.add(state.id);
  const ctes = [
    `inst AS (UPDATE process_instance SET version = version + 1, state = ${params.add(state.state)}, ` +
      `business_key = ${params.add(state.businessKey)}, definition_id = ${params.add(state.definitionId)}, ` +
      `definition_key = ${params.add(state.definitionKey)} WHERE id = ${id} AND version = ${params.add(loadedVersion)} RETURNING version)`,
    // The changes apply only when the version check passed (and the transaction rolls back otherwise anyway).
    ...collectionStatements(changes, params, id, 'EXISTS (SELECT 1 FROM inst)'),
  ];
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT version FROM inst`, params: params.values };
}

/** Deletes an ended instance's runtime rows (cascading from process_instance) if it still has `loadedVersion`. */
export function deleteInstanceStatement(id: string, loadedVersion: number): Statement {
  return { sql: 'DELETE FROM process_instance WHERE id = $1 AND version = $2 RETURNING version', params: [id, loadedVersion] };
}
