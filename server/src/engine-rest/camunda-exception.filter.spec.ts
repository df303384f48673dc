import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { EngineError, EngineErrorCode } from '../../engine/engine-error';
import { renderError } from './camunda-exception.filter';
import { notFoundRest } from './camunda-rest-error';

function logger() {
  const lines: string[] = [];
  return { lines, error: (line: string) => void lines.push(line) };
}

describe('renderError', () => {
  it('maps engine errors to their status and Camunda type', () => {
    const rendered = renderError(new EngineError(EngineErrorCode.TaskAlreadyClaimed, 'Task t1 is already claimed by someone else.'), logger());
    expect(rendered).toEqual({ status: 409, body: { type: 'TaskAlreadyClaimedException', message: 'Task t1 is already claimed by someone else.' } });
  });

  it('reports deployment problems in the ParseException shape', () => {
    const error = new EngineError(EngineErrorCode.InvalidDeployment, 'order.bpmn: Task_1 has no outgoing sequence flow', {
      problems: [{ elementId: 'Task_1', message: 'has no outgoing sequence flow', resource: 'order.bpmn' }],
    });
    expect(renderError(error, logger())).toEqual({
      status: 400,
      body: {
        type: 'ParseException',
        message: 'order.bpmn: Task_1 has no outgoing sequence flow',
        details: {
          'order.bpmn': {
            errors: [{ message: 'has no outgoing sequence flow', line: 0, column: 0, mainElementId: 'Task_1', elementIds: ['Task_1'] }],
            warnings: [],
          },
        },
      },
    });
  });

  it('joins ValidationPipe messages into one InvalidRequestException', () => {
    const rendered = renderError(new BadRequestException(['maxResults must not be less than 0', 'active must be a boolean value']), logger());
    expect(rendered).toEqual({
      status: 400,
      body: { type: 'InvalidRequestException', message: 'maxResults must not be less than 0; active must be a boolean value' },
    });
  });

  it('renders unknown routes, REST 404s and large payloads Camunda-shaped', () => {
    expect(renderError(new NotFoundException('Cannot GET /engine-rest/nope'), logger())).toEqual({
      status: 404,
      body: { type: 'NotFoundException', message: 'Cannot GET /engine-rest/nope' },
    });
    expect(renderError(notFoundRest('No matching task with id x'), logger()).body.type).toBe('InvalidRequestException');
    expect(renderError(new PayloadTooLargeException('File too large'), logger()).status).toBe(413);
  });

  it('renders body-parser failures', () => {
    const malformed = Object.assign(new SyntaxError('Unexpected token } in JSON'), { type: 'entity.parse.failed', status: 400 });
    expect(renderError(malformed, logger())).toEqual({ status: 400, body: { type: 'InvalidRequestException', message: 'The request body is not valid JSON' } });
    // Nest maps body-parser's SyntaxError to a BadRequestException carrying the parser text.
    const mapped = new BadRequestException('Unexpected token \'a\', "{"name": abc}" is not valid JSON');
    expect(renderError(mapped, logger())).toEqual({ status: 400, body: { type: 'InvalidRequestException', message: 'The request body is not valid JSON' } });
    expect(renderError(new BadRequestException('Unexpected end of JSON input'), logger()).body.message).toBe('The request body is not valid JSON');
    const large = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 });
    expect(renderError(large, logger()).status).toBe(413);
  });

  it('hides unknown errors behind a reference and logs no message text', () => {
    // given an error whose message holds case data
    const log = logger();
    // when
    const rendered = renderError(new TypeError('client Jane Doe at 1 Secret Street'), log);
    // then
    expect(rendered.status).toBe(500);
    expect(rendered.body.type).toBe('ProcessEngineException');
    const reference = /reference ([0-9a-f-]{36})/.exec(rendered.body.message)?.[1];
    expect(reference).toBeDefined();
    expect(log.lines[0]).toContain(reference);
    expect(log.lines[0]).toContain('TypeError');
    expect(log.lines.join('\n')).not.toContain('Jane Doe');
    expect(JSON.stringify(rendered.body)).not.toContain('Jane Doe');
  });
});
