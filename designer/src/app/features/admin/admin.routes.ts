import { inject } from '@angular/core';
import type { CanMatchFn, Routes } from '@angular/router';
import { AuthService } from '../../core/auth.service';

/** Administration is for those who manage the organisation's people (organisation administrators). */
export const usersManagerGuard: CanMatchFn = async () => (await inject(AuthService).restore())?.permissions.includes('users:manage') === true;

/**
 * Administration (app.routes.ts loads these under `admin`): people, one person, adding a person,
 * and API tokens. Anyone else who opens an /admin address gets a page saying it is not for them
 * (the administration code is then not even downloaded).
 */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    canMatch: [usersManagerGuard],
    loadComponent: () => import('./admin-layout').then((m) => m.AdminLayout),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'people' },
      {
        path: 'people',
        title: 'People · Administration · Safepath',
        loadComponent: () => import('./people-page').then((m) => m.PeoplePage),
      },
      {
        path: 'people/new',
        title: 'Add a person · Administration · Safepath',
        loadComponent: () => import('./add-person-page').then((m) => m.AddPersonPage),
      },
      {
        path: 'people/:id',
        title: 'Person · Administration · Safepath',
        loadComponent: () => import('./person-page').then((m) => m.PersonPage),
      },
      {
        path: 'tokens',
        title: 'API tokens · Administration · Safepath',
        loadComponent: () => import('./tokens-page').then((m) => m.TokensPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Not available · Safepath',
    loadComponent: () => import('./not-allowed-page').then((m) => m.NotAllowedPage),
  },
];
