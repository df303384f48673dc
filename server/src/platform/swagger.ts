import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where the OpenAPI UI is served; the JSON document is at `${SWAGGER_PATH}-json`. */
export const SWAGGER_PATH = 'api/docs';

/** Publishes the OpenAPI description of every controller at /api/docs. */
export function setupSwagger(app: INestApplication, version: string): void {
  const document = new DocumentBuilder()
    .setTitle('Safepath')
    .setDescription('BPMN 2.0 workflow engine. /engine-rest is compatible with the Camunda 7 REST API.')
    .setVersion(version)
    .addTag('engine-rest', 'Camunda 7 compatible REST API')
    .build();
  SwaggerModule.setup(SWAGGER_PATH, app, () => SwaggerModule.createDocument(app, document));
}
