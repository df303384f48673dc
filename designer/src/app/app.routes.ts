import { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth.guards';

/** Top-level routes; each feature is loaded lazily. Everything but the sign-in page needs a session. */
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
      {
        path: 'processes',
        title: 'Processes · Safepath',
        loadComponent: () => import('./features/definitions/process-definition-list').then((m) => m.ProcessDefinitionList),
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
