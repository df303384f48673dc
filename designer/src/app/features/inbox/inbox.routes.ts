import type { Routes } from '@angular/router';

/**
 * The staff inbox's pages, for the signed-in part of the app (app.routes.ts adds them under its
 * signed-in parent): the inbox, starting a case, and one task.
 */
export const INBOX_ROUTES: Routes = [
  {
    path: 'inbox',
    title: 'Inbox · Safepath',
    loadComponent: () => import('./inbox-page').then((m) => m.InboxPage),
  },
  {
    path: 'inbox/start/:key',
    title: 'Start a new case · Safepath',
    loadComponent: () => import('./start-case-page').then((m) => m.StartCasePage),
  },
  {
    path: 'tasks/:id',
    title: 'Task · Safepath',
    loadComponent: () => import('../task/task-page').then((m) => m.TaskPage),
  },
];
