import { CSV_COLUMNS, csvField, csvHeader, csvRow } from './audit-export';
import { caseIdsInBody, isAudited } from './request-audit';

describe('audit CSV', () => {
  it('quotes fields holding commas, quotes or line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(404)).toBe('404');
  });

  it('keeps a spreadsheet from running a field as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe(`'@SUM(A1)`);
  });

  it('writes a header row and CRLF-terminated rows with space-separated case ids', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    const row = csvRow({
      id: '7', time: '2026-01-01T00:00:00.000+0000', actor: 'tc.cho', actorKind: 'user', tenantId: 'tai-calon',
      action: 'GET /engine-rest/task/:id', resource: '/engine-rest/task/t1', caseIds: ['a', 'b'], outcome: 200, ip: null,
    });
    expect(row).toBe('7,2026-01-01T00:00:00.000+0000,tc.cho,user,tai-calon,GET /engine-rest/task/:id,/engine-rest/task/t1,a b,200,\r\n');
  });
});

describe('what the audit log reads from a request', () => {
  it('audits the APIs except the session check, the API documentation and CORS preflights', () => {
    expect(isAudited('GET', '/engine-rest/task')).toBe(true);
    expect(isAudited('POST', '/api/session')).toBe(true);
    expect(isAudited('GET', '/api/session')).toBe(false);
    expect(isAudited('GET', '/api/docs-json')).toBe(false);
    expect(isAudited('OPTIONS', '/engine-rest/task')).toBe(false);
    expect(isAudited('GET', '/index.html')).toBe(false);
    expect(isAudited('GET', '/apiary')).toBe(false);
  });

  it('reads processInstanceId fields and, on instance routes, ids, but never variable values', () => {
    const tasks = [{ id: 't1', processInstanceId: 'p1' }, { id: 't2', processInstanceId: 'p2', value: { processInstanceId: 'hidden' } }];
    expect(caseIdsInBody(tasks, '/engine-rest/task')).toEqual(['p1', 'p2']);
    expect(caseIdsInBody({ id: 'p3', definitionId: 'd' }, '/engine-rest/process-definition/key/:key/start')).toEqual(['p3']);
    expect(caseIdsInBody({ id: 'ai1' }, '/engine-rest/process-instance/:id/activity-instances')).toEqual([]);
    expect(caseIdsInBody({ survivor: { value: 'Jane', type: 'String' } }, '/engine-rest/task/:id/variables')).toEqual([]);
    expect(caseIdsInBody([{ resultType: 'ProcessDefinition', processInstance: { id: 'p4' } }], '/engine-rest/message')).toEqual(['p4']);
  });
});
