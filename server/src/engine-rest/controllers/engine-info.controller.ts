/** `/engine-rest/engine` and `/engine-rest/version`: what clients probe first. */
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../security/decorators';

/** The Camunda 7 REST API level Safepath mimics. */
export const CAMUNDA_API_VERSION = '7.22.0';

@ApiTags('engine-rest: engine')
@Controller('engine-rest')
@Public()
export class EngineInfoController {
  @Get('engine')
  engines(): { name: string }[] {
    return [{ name: 'default' }];
  }

  @Get('version')
  version(): { version: string } {
    return { version: CAMUNDA_API_VERSION };
  }
}
