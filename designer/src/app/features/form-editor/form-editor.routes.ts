import type { Routes } from '@angular/router';
import { unsavedChangesGuard } from '../editor/unsaved-changes.guard';

const page = () => import('./form-editor-page').then((m) => m.FormEditorPage);

/**
 * /processes/:key/forms/:name: a form of the process in the form-js editor, with a live
 * preview. Mounted with `loadChildren` so form-js loads only here. Mounted at
 * `processes/:key/forms` instead, the empty path lists the process's forms.
 */
export const FORM_EDITOR_ROUTES: Routes = [
  { path: '', title: 'Form editor · Safepath', canDeactivate: [unsavedChangesGuard], loadComponent: page },
  { path: ':name', title: 'Form editor · Safepath', canDeactivate: [unsavedChangesGuard], loadComponent: page },
];
