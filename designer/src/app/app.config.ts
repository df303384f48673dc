import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { routes } from './app.routes';
import { provideSafepathHttp } from './core/http';

/** App-wide providers: zoneless change detection, HttpClient (fetch, XSRF, 401 → sign-in) and the router. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideSafepathHttp(),
    provideRouter(routes, withComponentInputBinding()),
  ],
};
