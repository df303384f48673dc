/** The audit log's export formats: CSV (RFC 4180) and JSON. */
import { formatCamundaDate } from '../engine-rest/camunda-date';
import type { AuditRecord } from './audit.repository';
import type { AuditEntryDto } from './audit.dto';

/** The CSV columns, in order (the header row). */
export const CSV_COLUMNS = ['id', 'time', 'actor', 'actorKind', 'tenantId', 'action', 'resource', 'caseIds', 'outcome', 'ip'] as const;

export function toAuditEntryDto(record: AuditRecord): AuditEntryDto {
  return {
    id: record.id,
    time: formatCamundaDate(record.at) ?? '',
    actor: record.actor,
    actorKind: record.actorKind,
    tenantId: record.tenantId,
    action: record.action,
    resource: record.resource,
    caseIds: [...record.caseIds],
    outcome: record.outcome,
    ip: record.ip,
  };
}

/**
 * One CSV field: quoted when it holds a comma, a quote or a line break, quotes doubled (RFC 4180).
 * A text starting with = + - @ or a tab is prefixed with ' so a spreadsheet never runs it as a formula.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line (CRLF-terminated) of fields. */
export function csvLine(fields: (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The header row. */
export function csvHeader(): string {
  return csvLine([...CSV_COLUMNS]);
}

/** One entry as a CSV row; case ids are separated by spaces. */
export function csvRow(entry: AuditEntryDto): string {
  return csvLine([entry.id, entry.time, entry.actor, entry.actorKind, entry.tenantId, entry.action, entry.resource, entry.caseIds.join(' '), entry.outcome, entry.ip]);
}
