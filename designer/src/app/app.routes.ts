import { Routes } from '@angular/router';

/** Top-level routes; each feature is loaded lazily. */
export const routes: Routes = [
  {
    path: '',
    title: 'Safepath',
    loadComponent: () => import('./features/definitions/process-definition-list').then((m) => m.ProcessDefinitionList),
  },
  { path: '**', redirectTo: '' },
];
