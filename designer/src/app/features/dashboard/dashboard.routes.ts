import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { AuthService } from '../../core/auth.service';

/** The dashboard and heat maps are for managers; anyone else goes to their inbox. */
export const managerGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const roles = (await auth.restore())?.roles ?? [];
  return roles.includes('manager') || roles.includes('platform-admin') ? true : router.parseUrl('/inbox');
};

/**
 * The manager's pages, for the signed-in part of the app (app.routes.ts adds them under its
 * signed-in parent): the dashboard, a process's heat map, and one case (which the server shows
 * to whoever may see the case).
 */
export const DASHBOARD_ROUTES: Routes = [
  {
    path: 'dashboard',
    title: 'Dashboard · Safepath',
    canActivate: [managerGuard],
    loadComponent: () => import('./dashboard-page').then((m) => m.DashboardPage),
  },
  {
    path: 'dashboard/heatmap/:key',
    title: 'Heat map · Safepath',
    canActivate: [managerGuard],
    loadComponent: () => import('./heatmap-page').then((m) => m.HeatmapPage),
  },
  {
    path: 'cases/:id',
    title: 'Case · Safepath',
    loadComponent: () => import('../case/case-page').then((m) => m.CasePage),
  },
];
