import { ValidationPipe } from '@nestjs/common';
import { CamundaRestError } from './camunda-rest-error';
import { OptBool, OptDate, OptInt, OptList, PageQueryDto, camundaValidationPipeOptions } from './validation';

class SampleDto extends PageQueryDto {
  @OptBool() active?: boolean;
  @OptList() tenantIdIn?: string[];
  @OptDate() dueBefore?: string;
  @OptInt() priority?: number;
}

const pipe = new ValidationPipe(camundaValidationPipeOptions);
const run = (value: unknown) => pipe.transform(value, { type: 'query', metatype: SampleDto });

describe('camunda validation', () => {
  it('converts query text to booleans, lists and numbers and drops unknown keys', async () => {
    const dto = await run({ active: 'true', tenantIdIn: 'a,b', priority: '50', firstResult: '0', bogus: 'x' });
    expect({ ...dto }).toEqual({ active: true, tenantIdIn: ['a', 'b'], priority: 50, firstResult: 0 });
  });

  it('accepts JSON body values as they are', async () => {
    const dto = await run({ active: false, tenantIdIn: ['a'] });
    expect({ ...dto }).toEqual({ active: false, tenantIdIn: ['a'] });
  });

  it('reports every problem as one InvalidRequestException', async () => {
    const error = await run({ active: 'maybe', dueBefore: 'soon', maxResults: '-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CamundaRestError);
    expect((error as CamundaRestError).status).toBe(400);
    expect((error as CamundaRestError).message).toContain('active must be a boolean value');
    expect((error as CamundaRestError).message).toContain("dueBefore must be a date in the format yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    expect((error as CamundaRestError).message).toContain('maxResults must not be less than 0');
  });
});
