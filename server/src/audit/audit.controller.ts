/**
 * `/api/audit`: an organisation's audit log for its managers and organisation administrators
 * (permission `audit:read`), as JSON pages or a CSV/JSON download. Everyone but the platform
 * administrator sees only their own organisation's entries.
 */
import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { toDate } from '../persistence/queries/sql-query';
import { RequirePermission } from '../security/decorators';
import type { Caller } from '../security/caller';
import { forbidden, requestCaller } from '../engine-rest/controllers/caller-scope';
import { AuditRepository, type AuditFilter } from './audit.repository';
import { AuditEntryDto, AuditExportQueryDto, AuditFilterDto, AuditListQueryDto, DEFAULT_PAGE } from './audit.dto';
import { csvHeader, csvRow, toAuditEntryDto } from './audit-export';

@ApiTags('api: audit')
@Controller('api/audit')
@RequirePermission('audit:read')
export class AuditController {
  private readonly logger = new Logger('AuditExport');

  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @ApiOperation({ summary: "The organisation's audit log, newest first (firstResult/maxResults paging)" })
  async list(@Query() query: AuditListQueryDto): Promise<AuditEntryDto[]> {
    const records = await this.audit.query(filterOf(requestCaller(), query), {
      firstResult: query.firstResult,
      maxResults: query.maxResults ?? DEFAULT_PAGE,
    });
    return records.map(toAuditEntryDto);
  }

  @Get('count')
  @ApiOperation({ summary: 'How many entries match' })
  async count(@Query() query: AuditFilterDto): Promise<{ count: number }> {
    return { count: await this.audit.count(filterOf(requestCaller(), query)) };
  }

  @Get('export')
  @ApiOperation({ summary: 'Download every matching entry, oldest first, as CSV (header row, RFC 4180) or JSON' })
  @ApiProduces('text/csv', 'application/json')
  async export(@Query() query: AuditExportQueryDto, @Res() res: Response): Promise<void> {
    const filter = filterOf(requestCaller(), query);
    const format = query.format ?? 'csv';
    const day = new Date().toISOString().slice(0, 10);
    const scope = (filter.tenantId ?? 'all-organisations').replace(/[^A-Za-z0-9_-]/g, '_');
    res.status(200);
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="safepath-audit-${scope}-${day}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      let first = true;
      if (!(await write(res, format === 'csv' ? csvHeader() : '['))) return;
      for await (const batch of this.audit.stream(filter)) {
        const entries = batch.map(toAuditEntryDto);
        const text = format === 'csv' ? entries.map(csvRow).join('') : entries.map((e, i) => (first && i === 0 ? '' : ',') + JSON.stringify(e)).join('');
        first = false;
        if (!(await write(res, text))) return;
      }
      if (format === 'json') await write(res, ']');
      res.end();
    } catch (error) {
      if (!res.headersSent) throw error;
      // Half a file must not look like a whole one: break the connection instead of ending it.
      this.logger.error(`Audit export failed part-way: ${error instanceof Error ? error.name : typeof error}`);
      res.destroy();
    }
  }
}

/** The caller's filter: their own organisation, unless they are the platform administrator. */
function filterOf(caller: Caller, query: AuditFilterDto): AuditFilter {
  let tenantId: string | null;
  if (caller.platformAdmin) {
    tenantId = query.tenantId ?? null;
  } else {
    if (caller.tenantId === null || (query.tenantId !== undefined && query.tenantId !== caller.tenantId)) {
      throw forbidden(`You may read only your organisation's audit log`);
    }
    tenantId = caller.tenantId;
  }
  return {
    tenantId,
    from: query.from === undefined ? undefined : toDate(query.from, 'from'),
    to: query.to === undefined ? undefined : toDate(query.to, 'to'),
    actor: query.actor,
    caseId: query.caseId,
    action: query.action,
    actionLike: query.actionLike,
  };
}

/** Writes with backpressure; false when the client has gone. */
async function write(res: Response, text: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(text)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  return !res.destroyed;
}
