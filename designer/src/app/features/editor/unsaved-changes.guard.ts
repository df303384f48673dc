import type { CanDeactivateFn } from '@angular/router';

/** A page that may hold changes not saved yet. */
export interface MayHaveUnsavedChanges {
  /** True when leaving is fine (nothing unsaved, or the person agreed to lose it). */
  canLeave(): boolean;
}

/** Asks before leaving a page with unsaved changes (in-app navigation; reloads use beforeunload). */
export const unsavedChangesGuard: CanDeactivateFn<MayHaveUnsavedChanges> = (page) => page.canLeave();
