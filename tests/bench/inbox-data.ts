/**
 * The data set of `npm run bench:inbox`, made with set-based SQL (generate_series): cases spread
 * unevenly over five organisations (35/25/20/12/8 %), ten tasks per case in history, the open ones
 * also in the runtime tables; running cases started in the last 60 days, finished ones over three
 * years; candidate groups of each organisation from large (35 % of tasks) to tiny (1 in 5,000),
 * 30 % of open tasks claimed, 85 % of tasks with a due date, open ones due from 9 days ago to 20
 * days ahead (about 30 % overdue), completed ones on time or (12 %) late.
 */
import type { Queryable } from '../../server/src/persistence/queries/read-query';

export const BENCH_TENANTS = ['hackney-dais', 'cmg', 'tai-calon', 'supported-housing', 'central-bedfordshire'] as const;

/** Share of the cases of each organisation, in per cent (cumulative thresholds below). */
const TENANT_SHARE = [35, 25, 20, 12, 8];

/**
 * The candidate groups and their shares of the tasks: a task's step (one of 40 per process)
 * decides its group, as in the models; 1 task in 5,000 goes to the tiny group instead, and 1 in
 * 20 is offered to the team leaders as well.
 */
export const BENCH_GROUPS = ['duty', 'officer', 'team_leader', 'manager', 'specialist', 'admin', 'rare', 'tiny'] as const;

/** The SQL of a bench group's prefix: the organisation's id and an underscore. */
const GROUP_PREFIX = `(tenant || '_')`;

/** A bench group's name in an organisation, e.g. `hackney-dais_duty`. */
export function benchGroup(tenant: string, group: (typeof BENCH_GROUPS)[number]): string {
  return `${tenant}_${group}`;
}

export interface BenchShape {
  cases: number;
  tasksPerCase: number;
  /** Per cent of cases still running. */
  activePercent: number;
  /** Of a running case's tasks, how many (the latest) are still open. */
  openPerActiveCase: number;
}

/** A well-mixed number 0–999 from a row number and a salt (so that properties do not line up). */
function h(row: string, salt: number): string {
  return `(abs(hashint8(${row} * 1000003 + ${salt})) % 1000)`;
}

function tenantOf(bucket: string): string {
  let cumulative = 0;
  const arms = BENCH_TENANTS.map((tenant, i) => {
    cumulative += TENANT_SHARE[i];
    return `WHEN ${bucket} < ${cumulative} THEN '${tenant}'`;
  });
  return `(CASE ${arms.join(' ')} END)`;
}

/**
 * Fills the (empty, migrated) schema of `db`, one connection (it uses temporary tables); `now` is
 * the moment the data set is built around.
 */
export async function fillInboxData(db: Queryable, shape: BenchShape, now: Date): Promise<void> {
  const { cases, tasksPerCase, activePercent, openPerActiveCase } = shape;
  const tasks = cases * tasksPerCase;
  await db.query(`SET synchronous_commit = off`);
  await db.query(`CREATE TEMP TABLE bench_now AS SELECT $1::timestamptz AS now`, [now]);
  await db.query(`
    INSERT INTO deployment (id, name, source, tenant_id, deployment_time)
    SELECT 'd-' || tenant, tenant, 'bench', tenant, now() FROM unnest($1::text[]) AS tenant`, [BENCH_TENANTS]);
  await db.query(`
    INSERT INTO process_definition (id, key, version, name, deployment_id, resource_name, tenant_id, checksum)
    SELECT tenant || ':proc_' || p || ':1', 'proc_' || p, 1, 'Process ' || p, 'd-' || tenant, 'proc_' || p || '.bpmn', tenant, 'x'
      FROM unnest($1::text[]) AS tenant, generate_series(0, 3) AS p`, [BENCH_TENANTS]);

  // Cases: tenant by an uneven spread, process 0–3, running or completed.
  await db.query(`
    CREATE TEMP TABLE bench_case AS
    SELECT c, ${tenantOf('((c * 37) % 100)')} AS tenant, 'proc_' || ((c / 5) % 4) AS process_key,
           ((c * 13) % 100) < ${activePercent} AS active,
           md5('case' || c)::uuid::text AS id,
           'CASE-' || lpad(c::text, 6, '0') AS business_key,
           -- Running cases started in the last 60 days; finished ones over three years of history.
           (SELECT now FROM bench_now) - make_interval(days => (CASE WHEN ((c * 13) % 100) < ${activePercent} THEN c % 60 ELSE c % 1095 END)::int + 1) AS start_time
      FROM generate_series(0, ${cases - 1}::bigint) AS c`);
  await db.query(`
    INSERT INTO hi_process_instance (id, business_key, definition_id, definition_key, definition_version, definition_name, tenant_id, start_time, end_time, root_instance_id, state)
    SELECT id, business_key, tenant || ':' || process_key || ':1', process_key, 1, 'Process', tenant, start_time,
           CASE WHEN active THEN NULL ELSE start_time + interval '10 days' END, id, CASE WHEN active THEN 'ACTIVE' ELSE 'COMPLETED' END
      FROM bench_case`);
  await db.query(`
    INSERT INTO process_instance (id, definition_id, definition_key, tenant_id, business_key, version, state, start_time, root_instance_id)
    SELECT id, tenant || ':' || process_key || ':1', process_key, tenant, business_key, 1, 'ACTIVE', start_time, id FROM bench_case WHERE active`);
  await db.query(`
    INSERT INTO execution (id, instance_id, parent_id, activity_id, activity_instance_id, phase, start_time, tenant_id)
    SELECT id, id, NULL, process_key, id, 'scope', start_time, tenant FROM bench_case WHERE active`);

  // Tasks: ten per case; the step decides the group; the latest tasks of running cases are open.
  await db.query(`
    CREATE TEMP TABLE bench_task AS
    SELECT i, c.c, c.tenant, c.process_key, c.id AS case_id, c.business_key, c.active, c.start_time,
           (i % ${tasksPerCase}) AS k,
           ${h('i', 1)} / 25 AS step,
           c.active AND (i % ${tasksPerCase}) >= ${tasksPerCase - openPerActiveCase} AS open,
           md5('task' || i)::uuid::text AS id,
           md5('exec' || i)::uuid::text AS execution_id
      FROM generate_series(0, ${tasks - 1}::bigint) AS i
      JOIN bench_case c ON c.c = i / ${tasksPerCase}`);
  await db.query(`
    ALTER TABLE bench_task ADD COLUMN grp text, ADD COLUMN groups text[], ADD COLUMN assignee text, ADD COLUMN due timestamptz,
      ADD COLUMN created timestamptz, ADD COLUMN end_time timestamptz, ADD COLUMN overdue_at timestamptz`);
  await db.query(`
    UPDATE bench_task SET grp = CASE WHEN abs(hashint8(i * 7 + 5)) % 5000 = 7 THEN 'tiny'
                                     WHEN step < 14 THEN 'duty' WHEN step < 24 THEN 'officer' WHEN step < 30 THEN 'team_leader'
                                     WHEN step < 34 THEN 'manager' WHEN step < 37 THEN 'specialist' WHEN step < 39 THEN 'admin' ELSE 'rare' END`);
  // Candidate groups are an organisation's own (e.g. cmg_caseworker, tc_cho): prefixed by the organisation.
  await db.query(`
    UPDATE bench_task SET
      groups = CASE WHEN ${h('i', 2)} < 50 AND grp <> 'team_leader' THEN ARRAY[${GROUP_PREFIX} || grp, ${GROUP_PREFIX} || 'team_leader'] ELSE ARRAY[${GROUP_PREFIX} || grp] END,
      assignee = CASE WHEN NOT open OR ${h('i', 3)} < 300 THEN tenant || '.user' || (${h('i', 4)} % 40) END,
      created = CASE WHEN open THEN (SELECT now FROM bench_now) - make_interval(days => (c % 45)::int, hours => k::int)
                     ELSE start_time + make_interval(hours => k::int) END`);
  await db.query(`
    UPDATE bench_task SET
      due = CASE WHEN ${h('i', 5)} >= 850 THEN NULL
                 WHEN open THEN (SELECT now FROM bench_now) + make_interval(days => (${h('i', 6)} % 30)::int - 9, hours => (${h('i', 7)} % 24)::int)
                 ELSE created + interval '1 day' END,
      end_time = CASE WHEN open THEN NULL WHEN ${h('i', 8)} < 120 THEN created + interval '2 days' ELSE created + interval '4 hours' END`);
  await db.query(`
    UPDATE bench_task SET overdue_at = due
     WHERE due IS NOT NULL AND ((end_time IS NOT NULL AND end_time > due) OR (end_time IS NULL AND due < (SELECT now FROM bench_now)))`);
  await db.query(`
    INSERT INTO hi_task (id, definition_id, definition_key, instance_id, execution_id, activity_instance_id, task_definition_key, name,
                         assignee, candidate_groups, priority, due, start_time, end_time, duration_ms, delete_reason, tenant_id, overdue_at)
    SELECT id, tenant || ':' || process_key || ':1', process_key, case_id, execution_id, 'step_' || step || ':' || id, 'step_' || step, 'Step ' || step,
           assignee, groups, CASE WHEN ${h('i', 9)} < 100 THEN 80 ELSE 50 END, due, created, end_time,
           (extract(epoch FROM end_time - created) * 1000)::bigint, CASE WHEN end_time IS NULL THEN NULL ELSE 'completed' END, tenant, overdue_at
      FROM bench_task`);
  await db.query(`
    INSERT INTO execution (id, instance_id, parent_id, activity_id, activity_instance_id, phase, start_time, tenant_id)
    SELECT execution_id, case_id, case_id, 'step_' || step, 'step_' || step || ':' || id, 'waiting', created, tenant FROM bench_task WHERE open`);
  await db.query(`
    INSERT INTO task (id, instance_id, execution_id, definition_id, definition_key, task_definition_key, name, assignee, candidate_groups,
                      priority, due, created, activity_instance_id, business_key, tenant_id)
    SELECT id, case_id, execution_id, tenant || ':' || process_key || ':1', process_key, 'step_' || step, 'Step ' || step, assignee, groups,
           CASE WHEN ${h('i', 9)} < 100 THEN 80 ELSE 50 END, due, created, 'step_' || step || ':' || id, business_key, tenant
      FROM bench_task WHERE open`);
  await db.query(`DROP TABLE bench_task, bench_case, bench_now`);
}
