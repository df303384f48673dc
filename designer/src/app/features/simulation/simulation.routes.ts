import type { Routes } from '@angular/router';

/**
 * Training (app.routes.ts loads these under `simulations`): the list, one practice result, and one
 * walk-through. `attempts/:id` comes before `:id`.
 */
export const SIMULATION_ROUTES: Routes = [
  {
    path: '',
    title: 'Training simulations · Safepath',
    loadComponent: () => import('./simulations-page').then((m) => m.SimulationsPage),
  },
  {
    path: 'attempts/:id',
    title: 'Practice result · Safepath',
    loadComponent: () => import('./attempt-page').then((m) => m.AttemptPage),
  },
  {
    path: ':id',
    title: 'Training simulation · Safepath',
    loadComponent: () => import('./simulation-page').then((m) => m.SimulationPage),
  },
];
