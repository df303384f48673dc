/**
 * Makes many timer-waiting instances fast for the timer benchmark: one instance started for real
 * is the template; its runtime and history rows are copied with SQL, every id suffixed, and each
 * copy's job given its own due date. The copies are as loadable and fireable as the original.
 */
import type { DataSource } from 'typeorm';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Tables that hold an instance's rows, parents first (process_instance and its history by id). */
async function instanceTables(ds: DataSource): Promise<{ table: string; key: string; columns: string[] }[]> {
  // Serial columns (seq, bigserial ids) are left to their sequences.
  const rows: { table_name: string; column_name: string }[] = await ds.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND coalesce(column_default, '') NOT LIKE 'nextval(%'
      ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
  const tables = [...byTable].filter(([name, cols]) => name === 'process_instance' || name === 'hi_process_instance' || cols.includes('instance_id'));
  tables.sort(([a], [b]) => Number(b === 'process_instance') - Number(a === 'process_instance'));
  return tables.map(([table, cols]) => ({
    table,
    key: table === 'process_instance' || table === 'hi_process_instance' ? 'id' : 'instance_id',
    columns: cols,
  }));
}

/**
 * Copies instance `templateId` `count` times; copy `i` (0-based) gets ids suffixed `-<tag><i>` and
 * its timer due at `dueOf(i)` = `firstDue + i * stepMs`. Returns the copies' instance ids in order.
 */
export async function cloneTimerInstances(
  ds: DataSource,
  templateId: string,
  count: number,
  tag: string,
  firstDue: Date,
  stepMs: number,
): Promise<string[]> {
  const tables = await instanceTables(ds);
  const ids = new Set<string>();
  for (const t of tables) {
    const rows: Record<string, unknown>[] = await ds.query(`SELECT * FROM "${t.table}" WHERE "${t.key}" = $1`, [templateId]);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        // Ids of the instance's own things; the definition (and its deployment) stays shared.
        if (typeof value === 'string' && !column.includes('definition') && !column.includes('deployment')) {
          for (const id of value.match(UUID) ?? []) ids.add(id);
        }
      }
    }
  }
  const suffix = `'-${tag}' || g`;
  let text = `(to_jsonb(t) - 'seq')::text`;
  for (const id of ids) text = `replace(${text}, '${id}', '${id}' || ${suffix})`;
  for (let from = 0; from < count; from += 20_000) {
    const to = Math.min(count, from + 20_000) - 1;
    for (const t of tables) {
      const cols = t.columns.map((c) => `"${c}"`).join(', ');
      let json = `${text}::jsonb`;
      if (t.table === 'job') {
        json = `jsonb_set(${json}, '{due_date}', to_jsonb($2::timestamptz + (g * $3::int) * interval '1 millisecond'))`;
      }
      await ds.query(
        `INSERT INTO "${t.table}" (${cols})
         SELECT ${t.columns.map((c) => `r."${c}"`).join(', ')}
           FROM "${t.table}" t, generate_series(${from}, ${to}) g, jsonb_populate_record(NULL::"${t.table}", ${json}) r
          WHERE t."${t.key}" = $1`,
        [templateId, ...(t.table === 'job' ? [firstDue.toISOString(), stepMs] : [])],
      );
    }
  }
  return Array.from({ length: count }, (_, i) => `${templateId}-${tag}${i}`);
}
