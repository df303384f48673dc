/**
 * The process library's storage: drafts and publication records (its own tables), and what it
 * reads of the engine's deployments (definitions, their XML, forms, decisions, signposting).
 *
 * Every statement runs through `ScopedDataSource`, so for an organisation's caller PostgreSQL's
 * row-level security limits it to that organisation whatever the SQL says; every statement also
 * names the organisation itself (the platform administrator runs without row-level security).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { findLatestDecisionResources, type Sql } from '../persistence/deployment-sql';
import { iso } from '../persistence/sql-columns';
import { ScopedDataSource } from '../persistence/tenant-scope';

type Row = Record<string, unknown>;

/** The latest version of one process key of an organisation. */
export interface LatestDefinition {
  key: string;
  name: string | null;
  version: number;
  definitionId: string;
  deploymentId: string;
  resourceName: string;
  deployedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  comment: string | null;
}

/** One deployed version of a process with its publication record, if the designer published it. */
export interface VersionRecord {
  version: number;
  definitionId: string;
  deploymentId: string;
  resourceName: string;
  publishedAt: string;
  publishedBy: string;
  comment: string | null;
}

export interface DraftRecord {
  key: string;
  xml: string;
  /** Edited form-js schemas by resource name. */
  forms: Record<string, unknown>;
  updatedBy: string;
  updatedAt: string;
}

export interface NewPublication {
  key: string;
  version: number;
  definitionId: string;
  deploymentId: string;
  publishedBy: string;
  publishedAt: Date;
  comment: string | null;
}

/** A deployed resource: its name and text. */
export interface Resource {
  name: string;
  content: string;
}

/** Versions without a publication row were deployed by the engine itself (boot, REST): "system". */
export const SYSTEM_PUBLISHER = 'system';

function toVersion(r: Row): VersionRecord {
  return {
    version: Number(r.version),
    definitionId: String(r.id),
    deploymentId: String(r.deployment_id),
    resourceName: String(r.resource_name),
    publishedAt: iso(r.published_at ?? r.deployment_time) as string,
    publishedBy: (r.published_by as string | null) ?? SYSTEM_PUBLISHER,
    comment: (r.comment as string | null) ?? null,
  };
}

function toDraft(r: Row): DraftRecord {
  return {
    key: String(r.key),
    xml: String(r.xml),
    forms: (r.forms as Record<string, unknown> | null) ?? {},
    updatedBy: String(r.updated_by),
    updatedAt: iso(r.updated_at) as string,
  };
}

const VERSION_COLUMNS = `pd.id, pd.key, pd.name, pd.version, pd.deployment_id, pd.resource_name, d.deployment_time,
  pp.published_by, pp.published_at, pp.comment`;
const VERSION_FROM = `process_definition pd JOIN deployment d ON d.id = pd.deployment_id
  LEFT JOIN process_publication pp ON pp.tenant_id = pd.tenant_id AND pp.key = pd.key AND pp.version = pd.version`;

@Injectable()
export class LibraryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  /** Runs `work` in one transaction of the caller's scope; `sql` runs statements inside it. */
  transaction<T>(work: (sql: Sql, manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => work((text, params) => manager.query(text, params), manager));
  }

  // --- deployed processes ----------------------------------------------------------------------

  /** The latest version of every process key of the organisation. */
  async latestDefinitions(tenantId: string): Promise<LatestDefinition[]> {
    const rows: Row[] = await this.db.query(
      `SELECT DISTINCT ON (pd.key) ${VERSION_COLUMNS} FROM ${VERSION_FROM}
        WHERE pd.tenant_id = $1 ORDER BY pd.key, pd.version DESC`,
      [tenantId],
    );
    return rows.map((r) => ({
      key: String(r.key),
      name: (r.name as string | null) ?? null,
      version: Number(r.version),
      definitionId: String(r.id),
      deploymentId: String(r.deployment_id),
      resourceName: String(r.resource_name),
      deployedAt: iso(r.deployment_time) as string,
      publishedBy: (r.published_by as string | null) ?? null,
      publishedAt: iso(r.published_at),
      comment: (r.comment as string | null) ?? null,
    }));
  }

  /** Every version of a process, newest first. */
  async versions(tenantId: string, key: string): Promise<VersionRecord[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} WHERE pd.tenant_id = $1 AND pd.key = $2 ORDER BY pd.version DESC`,
      [tenantId, key],
    );
    return rows.map(toVersion);
  }

  /** One version (the latest when `version` is null) with its BPMN XML, or null. */
  async version(tenantId: string, key: string, version: number | null): Promise<(VersionRecord & { xml: string }) | null> {
    const rows: Row[] = await this.db.query(
      `SELECT ${VERSION_COLUMNS}, r.content FROM ${VERSION_FROM}
         JOIN deployment_resource r ON r.deployment_id = pd.deployment_id AND r.name = pd.resource_name
        WHERE pd.tenant_id = $1 AND pd.key = $2 AND ($3::int IS NULL OR pd.version = $3::int)
        ORDER BY pd.version DESC LIMIT 1`,
      [tenantId, key, version],
    );
    return rows.length === 0 ? null : { ...toVersion(rows[0]), xml: String(rows[0].content) };
  }

  /** The resources of one deployment of the organisation. */
  async deploymentResources(tenantId: string, deploymentId: string): Promise<Resource[]> {
    const rows: Row[] = await this.db.query(
      `SELECT r.name, r.content FROM deployment_resource r JOIN deployment d ON d.id = r.deployment_id
        WHERE d.id = $1 AND d.tenant_id = $2 ORDER BY r.name`,
      [deploymentId, tenantId],
    );
    return rows.map((r) => ({ name: String(r.name), content: String(r.content) }));
  }

  /** The organisation's newest copy of every resource whose name ends with `suffix` (e.g. `.form`). */
  async latestResources(tenantId: string, suffix: string): Promise<Resource[]> {
    const rows: Row[] = await this.db.query(
      `SELECT DISTINCT ON (r.name) r.name, r.content FROM deployment_resource r JOIN deployment d ON d.id = r.deployment_id
        WHERE d.tenant_id = $1 AND right(lower(r.name), length($2)) = lower($2) ORDER BY r.name, d.seq DESC`,
      [tenantId, suffix],
    );
    return rows.map((r) => ({ name: String(r.name), content: String(r.content) }));
  }

  /** The organisation's newest DMN resources (one per resource name). */
  latestDecisionResources(tenantId: string): Promise<Resource[]> {
    return findLatestDecisionResources((text, params) => this.db.query(text, params), tenantId);
  }

  /** The latest version of every decision key of the organisation. */
  async latestDecisions(tenantId: string): Promise<{ key: string; name: string | null; version: number; resourceName: string; deploymentId: string }[]> {
    const rows: Row[] = await this.db.query(
      `SELECT DISTINCT ON (dd.key) dd.key, dd.name, dd.version, dd.resource_name, dd.deployment_id FROM decision_definition dd
        WHERE dd.tenant_id = $1 ORDER BY dd.key, dd.version DESC`,
      [tenantId],
    );
    return rows.map((r) => ({
      key: String(r.key),
      name: (r.name as string | null) ?? null,
      version: Number(r.version),
      resourceName: String(r.resource_name),
      deploymentId: String(r.deployment_id),
    }));
  }

  // --- drafts ------------------------------------------------------------------------------------

  async drafts(tenantId: string): Promise<DraftRecord[]> {
    const rows: Row[] = await this.db.query('SELECT * FROM process_draft WHERE tenant_id = $1 ORDER BY key', [tenantId]);
    return rows.map(toDraft);
  }

  async draft(tenantId: string, key: string): Promise<DraftRecord | null> {
    const rows: Row[] = await this.db.query('SELECT * FROM process_draft WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
    return rows.length === 0 ? null : toDraft(rows[0]);
  }

  /** Creates or replaces the draft's XML (its edited forms stay). */
  async saveDraftXml(tenantId: string, key: string, xml: string, by: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO process_draft (tenant_id, key, xml, forms, updated_by, updated_at) VALUES ($1, $2, $3, '{}'::jsonb, $4, $5)
       ON CONFLICT (tenant_id, key) DO UPDATE SET xml = EXCLUDED.xml, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [tenantId, key, xml, by, at],
    );
  }

  /** Creates a draft only if there is none; true when it was created. */
  async createDraft(tenantId: string, key: string, xml: string, by: string, at: Date): Promise<boolean> {
    const rows: Row[] = await this.db.query(
      `INSERT INTO process_draft (tenant_id, key, xml, forms, updated_by, updated_at) VALUES ($1, $2, $3, '{}'::jsonb, $4, $5)
       ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`,
      [tenantId, key, xml, by, at],
    );
    return rows.length > 0;
  }

  /** Sets one edited form of the draft, creating the draft from `xml` when there is none. */
  async saveDraftForm(tenantId: string, key: string, xml: string, name: string, schema: unknown, by: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO process_draft (tenant_id, key, xml, forms, updated_by, updated_at)
       VALUES ($1, $2, $3, jsonb_build_object($4::text, $5::jsonb), $6, $7)
       ON CONFLICT (tenant_id, key) DO UPDATE SET forms = process_draft.forms || jsonb_build_object($4::text, $5::jsonb),
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [tenantId, key, xml, name, JSON.stringify(schema), by, at],
    );
  }

  /** Deletes the draft; false when there was none. */
  async deleteDraft(tenantId: string, key: string, sql: Sql = (text, params) => this.db.query(text, params)): Promise<boolean> {
    // A CTE, so that the driver answers the deleted rows (for a bare DELETE TypeORM answers [rows, count]).
    const rows = await sql('WITH deleted AS (DELETE FROM process_draft WHERE tenant_id = $1 AND key = $2 RETURNING key) SELECT key FROM deleted', [tenantId, key]);
    return rows.length > 0;
  }

  /** The draft, locked until the transaction of `sql` ends (so that one draft is published once). */
  async lockDraft(sql: Sql, tenantId: string, key: string): Promise<DraftRecord | null> {
    const rows = await sql('SELECT * FROM process_draft WHERE tenant_id = $1 AND key = $2 FOR UPDATE', [tenantId, key]);
    return rows.length === 0 ? null : toDraft(rows[0]);
  }

  // --- publications ------------------------------------------------------------------------------

  async recordPublications(sql: Sql, tenantId: string, table: 'process_publication' | 'decision_publication', publications: NewPublication[]): Promise<void> {
    for (const p of publications) {
      await sql(
        `INSERT INTO ${table} (tenant_id, key, version, definition_id, deployment_id, published_by, published_at, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [tenantId, p.key, p.version, p.definitionId, p.deploymentId, p.publishedBy, p.publishedAt, p.comment],
      );
    }
  }
}
