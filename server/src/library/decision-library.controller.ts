/** `/api/decisions`: the organisation's DMN decisions for the designer's decision-table editor. */
import { Body, Controller, Get, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../security/decorators';
import { DecisionLibraryService } from './decision-library.service';
import { LibraryQueryDto, PublishDecisionDto, type DecisionSummary } from './library.dto';
import { LibraryExceptionFilter } from './library-errors';
import { libraryTenant } from './library-scope';

@ApiTags('api: decision library')
@Controller('api/decisions')
@RequirePermission('definition:read')
@UseFilters(LibraryExceptionFilter)
export class DecisionLibraryController {
  constructor(private readonly decisions: DecisionLibraryService) {}

  @Get()
  @ApiOperation({ summary: "The organisation's decisions, latest version of each" })
  list(@Query() query: LibraryQueryDto): Promise<DecisionSummary[]> {
    return this.decisions.list(libraryTenant(query.tenantId));
  }

  @Get(':key')
  @ApiOperation({ summary: 'The latest version of a decision with the DMN XML that holds it' })
  get(@Param('key') key: string, @Query() query: LibraryQueryDto): Promise<{ key: string; name: string | null; version: number; resourceName: string; xml: string }> {
    return this.decisions.get(libraryTenant(query.tenantId), key);
  }

  @Post(':key/publish')
  @RequirePermission('definition:deploy')
  @ApiOperation({ summary: 'Publish DMN XML as the next version of the decision (400 with the problems when it does not parse)' })
  publish(@Param('key') key: string, @Query() query: LibraryQueryDto, @Body() body: PublishDecisionDto): Promise<{ version: number }> {
    return this.decisions.publish(libraryTenant(query.tenantId), key, body.xml, body.comment?.trim() || null);
  }
}
