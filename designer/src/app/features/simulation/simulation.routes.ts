import type { Routes } from '@angular/router';

/** Training simulations (app.routes.ts loads these under `simulations`): the list, and one walk-through. */
export const SIMULATION_ROUTES: Routes = [
  {
    path: '',
    title: 'Training simulations · Safepath',
    loadComponent: () => import('./simulations-page').then((m) => m.SimulationsPage),
  },
  {
    path: ':id',
    title: 'Training simulation · Safepath',
    loadComponent: () => import('./simulation-page').then((m) => m.SimulationPage),
  },
];
