/** `/api/processes`: the designer's process library (docs/designer.md, "Server API"). */
import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../engine-rest/camunda-rest-error';
import { RequirePermission } from '../security/decorators';
import {
  BpmnXmlDto,
  DocumentQueryDto,
  FormSchemaDto,
  LibraryQueryDto,
  PublishDto,
  type LibraryFormDto,
  type ProblemsDto,
  type ProcessDetail,
  type ProcessSummary,
  type PublishedVersion,
  type RoleDto,
} from './library.dto';
import { LibraryExceptionFilter } from './library-errors';
import { libraryTenant } from './library-scope';
import { OrganisationModels } from './organisation-models';
import { ProcedureDocumentService } from './procedure-document.service';
import { ProcessLibraryService } from './process-library.service';
import type { Problem } from './process-lint';

/** A version number in a path: 400 (not 500) for anything else. */
const VERSION = new ParseIntPipe({ exceptionFactory: () => badRequest('version must be a version number') });

@ApiTags('api: process library')
@Controller('api/processes')
@RequirePermission('definition:read')
@UseFilters(LibraryExceptionFilter)
export class ProcessLibraryController {
  constructor(
    private readonly library: ProcessLibraryService,
    private readonly documents: ProcedureDocumentService,
    private readonly models: OrganisationModels,
  ) {}

  @Get()
  @ApiOperation({ summary: "The organisation's processes: published version, draft, who changed them and when" })
  list(@Query() query: LibraryQueryDto): Promise<ProcessSummary[]> {
    return this.library.list(libraryTenant(query.tenantId));
  }

  // Fixed paths come before `:key` so that they are never read as a process key.
  @Get('roles')
  @ApiOperation({ summary: "The organisation's roles (candidate groups) with readable names" })
  roles(@Query() query: LibraryQueryDto): Promise<RoleDto[]> {
    return this.models.roles(libraryTenant(query.tenantId));
  }

  @Post('lint')
  @HttpCode(200)
  @ApiOperation({ summary: 'The problems of a BPMN document: bpmnlint recommended + Safepath rules + the engine deploy check' })
  async lint(@Query() query: LibraryQueryDto, @Body() body: BpmnXmlDto): Promise<ProblemsDto> {
    return { problems: await this.library.problems(libraryTenant(query.tenantId), body.xml) };
  }

  @Post()
  @RequirePermission('definition:deploy')
  @ApiOperation({ summary: 'Import a .bpmn file as the draft of a new process (409 when the key exists)' })
  import(@Query() query: LibraryQueryDto, @Body() body: BpmnXmlDto): Promise<{ key: string }> {
    return this.library.importProcess(libraryTenant(query.tenantId), body.xml);
  }

  @Get(':key')
  @ApiOperation({ summary: 'A process: its latest published version and its draft, with XML' })
  get(@Param('key') key: string, @Query() query: LibraryQueryDto): Promise<ProcessDetail> {
    return this.library.get(libraryTenant(query.tenantId), key);
  }

  @Put(':key/draft')
  @RequirePermission('definition:deploy')
  @ApiOperation({ summary: 'Save the draft (running cases are not affected); answers its problems' })
  saveDraft(@Param('key') key: string, @Query() query: LibraryQueryDto, @Body() body: BpmnXmlDto): Promise<{ updatedAt: string; problems: Problem[] }> {
    return this.library.saveDraft(libraryTenant(query.tenantId), key, body.xml);
  }

  @Delete(':key/draft')
  @RequirePermission('definition:deploy')
  @HttpCode(204)
  @ApiOperation({ summary: 'Discard the draft' })
  deleteDraft(@Param('key') key: string, @Query() query: LibraryQueryDto): Promise<void> {
    return this.library.deleteDraft(libraryTenant(query.tenantId), key);
  }

  @Post(':key/publish')
  @RequirePermission('definition:deploy')
  @ApiOperation({ summary: 'Publish the draft as the next version (400 with the problems while errors remain)' })
  publish(@Param('key') key: string, @Query() query: LibraryQueryDto, @Body() body: PublishDto): Promise<{ version: number; definitionId: string }> {
    return this.library.publish(libraryTenant(query.tenantId), key, body.comment?.trim() || null);
  }

  @Get(':key/versions')
  @ApiOperation({ summary: 'Version history, newest first: who published each version, when, and why' })
  versions(@Param('key') key: string, @Query() query: LibraryQueryDto): Promise<PublishedVersion[]> {
    return this.library.versions(libraryTenant(query.tenantId), key);
  }

  @Get(':key/versions/:version')
  @ApiOperation({ summary: 'One version with its XML' })
  version(@Param('key') key: string, @Param('version', VERSION) version: number, @Query() query: LibraryQueryDto): Promise<PublishedVersion & { xml: string }> {
    return this.library.version(libraryTenant(query.tenantId), key, version);
  }

  @Post(':key/versions/:version/restore')
  @RequirePermission('definition:deploy')
  @ApiOperation({ summary: 'Publish an old version again as the next version' })
  restore(
    @Param('key') key: string,
    @Param('version', VERSION) version: number,
    @Query() query: LibraryQueryDto,
    @Body() body: PublishDto,
  ): Promise<{ version: number; definitionId: string }> {
    return this.library.restore(libraryTenant(query.tenantId), key, version, body.comment?.trim() || null);
  }

  @Get(':key/document')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The procedure as a readable, printable HTML document' })
  async document(@Param('key') key: string, @Query() query: DocumentQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    const which = query.version === undefined ? undefined : query.version === 'draft' ? 'draft' : Number(query.version);
    const html = await this.documents.document(libraryTenant(query.tenantId), key, which);
    // The key passed checkKey (a BPMN id), so it is safe in the header.
    response.setHeader('Content-Disposition', `inline; filename="${key}${which === undefined ? '' : `-${which}`}.html"`);
    return html;
  }

  @Get(':key/forms')
  @ApiOperation({ summary: 'The forms the process names (with the draft edits)' })
  forms(@Param('key') key: string, @Query() query: LibraryQueryDto): Promise<LibraryFormDto[]> {
    return this.library.forms(libraryTenant(query.tenantId), key);
  }

  @Put(':key/draft/forms/:name')
  @RequirePermission('definition:deploy')
  @ApiOperation({ summary: "Save an edited form into the process's draft (deployed with it on publish)" })
  saveForm(
    @Param('key') key: string,
    @Param('name') name: string,
    @Query() query: LibraryQueryDto,
    @Body() body: FormSchemaDto,
  ): Promise<{ name: string; formId: string | null; updatedAt: string }> {
    return this.library.saveDraftForm(libraryTenant(query.tenantId), key, name, body.schema);
  }
}
