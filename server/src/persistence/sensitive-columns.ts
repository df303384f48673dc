/**
 * The stored form of sensitive case data. The engine only ever sees plain values: the store seals
 * on write and opens on read (see docs/encryption.md).
 *
 * - Sensitive variables: the rows of `variable`, `hi_variable` and `hi_variable_update` whose
 *   `sensitive` column is true hold their `value` (and `value_info`, which may name content, e.g.
 *   a file name) encrypted by the {@link DataCipher}; name, type and the row's keys stay readable.
 *   Each column's ciphertext is bound to its organisation, variable id and column, so it cannot be
 *   moved to another row.
 * - The reason of a manager's action (`case_action.reason`): free text about a case, always
 *   encrypted, bound to the organisation and the case.
 */
import { DataCipher, type SealedValue } from '../security/data-cipher';

type Row = Record<string, unknown>;

/** Which column holds the variable's id: `id`, or `variable_id` in `hi_variable_update`. */
type IdColumn = 'id' | 'variable_id';

function context(row: Row, idColumn: IdColumn, column: string): string {
  return `${String(row.tenant_id ?? '')}/${String(row[idColumn])}/${column}`;
}

/** The row with `value` / `value_info` encrypted when it is sensitive (the row itself is not changed). */
export function sealVariableRow(row: Row, cipher: DataCipher, idColumn: IdColumn = 'id'): Row {
  if (row.sensitive !== true) return row;
  const sealed: Row = { ...row, value: cipher.encrypt(row.value ?? null, context(row, idColumn, 'value')) };
  if ('value_info' in row) {
    sealed.value_info = row.value_info == null ? null : cipher.encrypt(row.value_info, context(row, idColumn, 'value_info'));
  }
  return sealed;
}

/** The row with `value` / `value_info` decrypted (rows that are not sealed come back as they are). */
export function openVariableRow(row: Row, cipher: DataCipher, idColumn: IdColumn = 'id'): Row {
  if (row.sensitive !== true) return row;
  const opened: Row = { ...row };
  if (DataCipher.isSealed(row.value)) opened.value = cipher.decrypt(row.value, context(row, idColumn, 'value'));
  if (DataCipher.isSealed(row.value_info)) opened.value_info = cipher.decrypt(row.value_info, context(row, idColumn, 'value_info'));
  return opened;
}

function caseActionContext(tenantId: string | null, caseId: string): string {
  return `case-action/${tenantId ?? ''}/${caseId}`;
}

/** The stored form of a manager's reason for an action on a case (null stays null). */
export function sealCaseActionReason(reason: string | null, tenantId: string | null, caseId: string, cipher: DataCipher): SealedValue | null {
  return reason === null ? null : cipher.encrypt(reason, caseActionContext(tenantId, caseId));
}

/** The reason {@link sealCaseActionReason} stored (null stays null). */
export function openCaseActionReason(stored: unknown, tenantId: string | null, caseId: string, cipher: DataCipher): string | null {
  return stored === null || stored === undefined ? null : String(cipher.decrypt(stored, caseActionContext(tenantId, caseId)));
}
