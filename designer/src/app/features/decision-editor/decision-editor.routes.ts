import type { Routes } from '@angular/router';
import { unsavedChangesGuard } from '../editor/unsaved-changes.guard';

const page = () => import('./decision-editor-page').then((m) => m.DecisionEditorPage);

/**
 * /decisions/:key: a DMN decision in the dmn-js editor (decision table view), published with a
 * comment. Mounted with `loadChildren` so dmn-js loads only here. Mounted at `decisions`
 * instead, the empty path lists the organisation's decisions.
 */
export const DECISION_EDITOR_ROUTES: Routes = [
  { path: '', title: 'Decision · Safepath', canDeactivate: [unsavedChangesGuard], loadComponent: page },
  { path: ':key', title: 'Decision · Safepath', canDeactivate: [unsavedChangesGuard], loadComponent: page },
];
