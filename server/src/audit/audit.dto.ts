/** Query parameters and answers of `/api/audit`. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Max, MaxLength } from 'class-validator';
import { OptDate, OptInt, OptString } from '../engine-rest/validation';

/** Most entries one page may hold. */
export const MAX_PAGE = 10_000;
/** The page size when maxResults is not given. */
export const DEFAULT_PAGE = 1_000;

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Filters shared by the list, the count and the export. */
export class AuditFilterDto {
  @OptDate('Entries at or after this time') from?: string;
  @OptDate('Entries at or before this time') to?: string;
  @OptString('Only this actor (user id, token:<name>, anonymous, system:retention)') @MaxLength(200) actor?: string;
  @OptString('Only entries naming this process instance') @MaxLength(100) caseId?: string;
  @OptString('Only this action, e.g. "GET /engine-rest/task/:id"') @MaxLength(300) action?: string;
  @OptString('Only actions like this SQL LIKE pattern, e.g. "POST %"') @MaxLength(300) actionLike?: string;
  @OptString('Only this organisation (platform administrator; others always see their own)') @MaxLength(100) tenantId?: string;
}

export class AuditListQueryDto extends AuditFilterDto {
  @OptInt('Index of the first result to return', 0) firstResult?: number;

  @OptInt(`Maximum number of results to return (default ${DEFAULT_PAGE}, at most ${MAX_PAGE})`, 0)
  @Max(MAX_PAGE, { message: `maxResults must not be greater than ${MAX_PAGE}` })
  maxResults?: number;
}

export class AuditExportQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'csv (default) or json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}

/** One entry as the API answers it. */
export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: "yyyy-MM-dd'T'HH:mm:ss.SSSZ (UTC)" }) time: string;
  @ApiProperty() actor: string;
  @ApiProperty({ enum: ['user', 'token', 'anonymous', 'system'] }) actorKind: string;
  @ApiProperty({ type: String, nullable: true }) tenantId: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) resource: string | null;
  @ApiProperty({ type: [String] }) caseIds: string[];
  @ApiProperty() outcome: number;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
}
