/** Bodies, query parameters and answers of `/api/processes` and `/api/decisions` (docs/designer.md, "Server API"). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OptString } from '../engine-rest/validation';
import type { Problem } from './process-lint';

/** The longest comment kept with a publication. */
const MAX_COMMENT = 2000;
/** BPMN/DMN XML: anything up to the application's 1 MB body limit. */
const MAX_XML = 1024 * 1024;

/** `?tenantId=`: the organisation (the platform administrator must name one; others may only name their own). */
export class LibraryQueryDto {
  @OptString("The organisation (tenant id); defaults to the caller's own")
  tenantId?: string;
}

/** `GET /api/processes/:key/document?version=N|draft`. */
export class DocumentQueryDto extends LibraryQueryDto {
  @ApiPropertyOptional({ description: 'A version number, or `draft`; default: the draft if there is one, else the latest version', example: 'draft' })
  @IsOptional()
  @Matches(/^(\d{1,9}|draft)$/, { message: 'version must be a version number or draft' })
  version?: string;
}

/** A BPMN document (`PUT …/draft`, `POST /api/processes`, `POST /api/processes/lint`). */
export class BpmnXmlDto {
  @ApiProperty({ description: 'BPMN 2.0 XML, as bpmn-js and Camunda Modeler save it' })
  @IsString({ message: 'xml must be the BPMN XML as text' })
  @IsNotEmpty({ message: 'xml must not be empty' })
  @MaxLength(MAX_XML, { message: 'xml must be at most 1 MB' })
  xml!: string;
}

/** `POST …/publish` and `POST …/versions/:version/restore`. */
export class PublishDto {
  @ApiPropertyOptional({ description: 'Why this version: kept in the version history' })
  @IsOptional()
  @IsString({ message: 'comment must be text' })
  @MaxLength(MAX_COMMENT, { message: `comment must be at most ${MAX_COMMENT} characters` })
  comment?: string;
}

/** `PUT …/draft/forms/:name`. */
export class FormSchemaDto {
  @ApiProperty({ description: 'A @bpmn-io/form-js schema (an object with `components`)' })
  @IsObject({ message: 'schema must be a form-js schema object' })
  schema!: Record<string, unknown>;
}

/** `POST /api/decisions/:key/publish`. */
export class PublishDecisionDto extends BpmnXmlDto {
  @ApiPropertyOptional({ description: 'Why this version' })
  @IsOptional()
  @IsString({ message: 'comment must be text' })
  @MaxLength(MAX_COMMENT, { message: `comment must be at most ${MAX_COMMENT} characters` })
  comment?: string;
}

export interface DraftSummary {
  updatedAt: string;
  updatedBy: string;
}

export interface ProcessSummary {
  key: string;
  name: string | null;
  publishedVersion: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  draft: DraftSummary | null;
}

export interface PublishedVersion {
  version: number;
  definitionId: string;
  publishedAt: string;
  publishedBy: string;
  comment: string | null;
}

export interface ProcessDetail {
  key: string;
  name: string | null;
  published: (PublishedVersion & { xml: string }) | null;
  draft: (DraftSummary & { xml: string }) | null;
}

export interface RoleDto {
  id: string;
  label: string;
}

export interface ProblemsDto {
  problems: Problem[];
}

export interface LibraryFormDto {
  name: string;
  formId: string | null;
  schema: Record<string, unknown>;
}

export interface DecisionSummary {
  key: string;
  name: string | null;
  version: number;
}
