/** Injection token of the engine's `CaseStore` (a `PostgresCaseStore`): `@Inject(CASE_STORE) store: CaseStore`. */
export const CASE_STORE = Symbol('CASE_STORE');
