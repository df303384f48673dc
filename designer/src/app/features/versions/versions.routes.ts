import type { Routes } from '@angular/router';

/**
 * /processes/:key/versions: the version history; `?compare=A,B` shows two versions side by side
 * with their differences. Mounted with `loadChildren` so bpmn-js loads only here.
 */
export const VERSIONS_ROUTES: Routes = [
  {
    path: '',
    title: 'Version history · Safepath',
    loadComponent: () => import('./versions-page').then((m) => m.VersionsPage),
  },
];
