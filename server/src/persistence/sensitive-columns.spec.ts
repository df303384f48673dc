import { DataCipher } from '../security/data-cipher';
import { openCaseActionReason, openVariableRow, sealCaseActionReason, sealVariableRow } from './sensitive-columns';

const cipher = new DataCipher([{ id: 'k1', key: Buffer.alloc(32, 3) }]);
const row = {
  id: 'var-1',
  name: 'attachment',
  type: 'Object',
  value: { path: '/refuge/intake.pdf' },
  value_info: { objectTypeName: 'refuge-intake.pdf', serializationDataFormat: 'application/json' },
  sensitive: true,
  tenant_id: 'cmg',
};

describe('sensitive variable columns', () => {
  it('given a sensitive row, when it is sealed, then value and value_info are encrypted and open back to the plain row', () => {
    const sealed = sealVariableRow(row, cipher);

    expect(JSON.stringify(sealed)).not.toMatch(/refuge/);
    expect(sealed).toMatchObject({ id: 'var-1', name: 'attachment', type: 'Object', sensitive: true, tenant_id: 'cmg' });
    expect(DataCipher.isSealed(sealed.value)).toBe(true);
    expect(DataCipher.isSealed(sealed.value_info)).toBe(true);
    expect(openVariableRow(sealed, cipher)).toEqual(row);
    expect(row.value).toEqual({ path: '/refuge/intake.pdf' });
  });

  it('given a sensitive row without value_info, when it is sealed, then value_info stays null', () => {
    const sealed = sealVariableRow({ ...row, value_info: null }, cipher);

    expect(sealed.value_info).toBeNull();
    expect(openVariableRow(sealed, cipher)).toEqual({ ...row, value_info: null });
  });

  it('given a hi_variable_update row, when it is sealed by variable_id, then it opens by variable_id only', () => {
    const update = { variable_id: 'var-1', name: 'notes', type: 'String', value: 'moved to a refuge', sensitive: true, tenant_id: 'cmg' };

    const sealed = sealVariableRow(update, cipher, 'variable_id');

    expect(sealed).not.toHaveProperty('value_info');
    expect(openVariableRow(sealed, cipher, 'variable_id')).toEqual(update);
    expect(() => openVariableRow({ ...sealed, variable_id: 'var-2' }, cipher, 'variable_id')).toThrow('failed authentication');
  });

  it('given a sealed row moved to another organisation, when it is opened, then it fails authentication', () => {
    const sealed = sealVariableRow(row, cipher);

    expect(() => openVariableRow({ ...sealed, tenant_id: 'tai-calon' }, cipher)).toThrow('failed authentication');
  });

  it('given a row that is not sensitive, when it is sealed or opened, then it is left as it is', () => {
    const plain = { ...row, sensitive: false };

    expect(sealVariableRow(plain, cipher)).toBe(plain);
    expect(openVariableRow(plain, cipher)).toBe(plain);
  });

  it('given a manager\'s reason, when it is sealed for its case, then only that case of that organisation opens it', () => {
    const sealed = sealCaseActionReason('Victim moved to a refuge', 'cmg', 'case-1', cipher);

    expect(JSON.stringify(sealed)).not.toMatch(/refuge/);
    expect(openCaseActionReason(sealed, 'cmg', 'case-1', cipher)).toBe('Victim moved to a refuge');
    expect(() => openCaseActionReason(sealed, 'cmg', 'case-2', cipher)).toThrow('failed authentication');
    expect(() => openCaseActionReason(sealed, 'tai-calon', 'case-1', cipher)).toThrow('failed authentication');
    expect(sealCaseActionReason(null, 'cmg', 'case-1', cipher)).toBeNull();
    expect(openCaseActionReason(null, 'cmg', 'case-1', cipher)).toBeNull();
  });
});
