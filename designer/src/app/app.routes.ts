import { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth.guards';
import { DASHBOARD_ROUTES } from './features/dashboard/dashboard.routes';
import { INBOX_ROUTES } from './features/inbox/inbox.routes';
import { unsavedChangesGuard } from './features/editor/unsaved-changes.guard';

/**
 * Top-level routes; each feature is loaded lazily, so the modeler's code (bpmn-js, form-js,
 * dmn-js) is downloaded only on the designer's pages. Everything but sign-in needs a session.
 */
export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Safepath',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'processes' },
      ...INBOX_ROUTES,
      ...DASHBOARD_ROUTES,
      {
        path: 'processes',
        title: 'Process library · Safepath',
        loadComponent: () => import('./features/library/library-page').then((m) => m.LibraryPage),
      },
      {
        path: 'processes/:key',
        title: 'Edit process · Safepath',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./features/editor/editor-page').then((m) => m.EditorPage),
      },
      {
        path: 'processes/:key/versions',
        title: 'Version history · Safepath',
        loadChildren: () => import('./features/versions/versions.routes').then((m) => m.VERSIONS_ROUTES),
      },
      {
        path: 'processes/:key/forms/:name',
        title: 'Edit form · Safepath',
        loadChildren: () => import('./features/form-editor/form-editor.routes').then((m) => m.FORM_EDITOR_ROUTES),
      },
      {
        path: 'decisions',
        title: 'Edit decision · Safepath',
        loadChildren: () => import('./features/decision-editor/decision-editor.routes').then((m) => m.DECISION_EDITOR_ROUTES),
      },
      {
        path: 'simulations',
        loadChildren: () => import('./features/simulation/simulation.routes').then((m) => m.SIMULATION_ROUTES),
      },
      {
        path: 'admin',
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'account/password',
        title: 'Change your password · Safepath',
        loadComponent: () => import('./features/account/change-password-page').then((m) => m.ChangePasswordPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
