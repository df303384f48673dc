import { type HttpInterceptorFn, provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import type { EnvironmentProviders } from '@angular/core';
import { unauthorisedInterceptor } from './unauthorised.interceptor';

/**
 * Marks the app's own requests as script requests (`X-Requested-With: XMLHttpRequest`), the
 * usual signal for a server not to answer 401 with an HTTP Basic challenge, which would make the
 * browser open its own password dialog instead of letting the app show the sign-in page.
 */
export const scriptRequestInterceptor: HttpInterceptorFn = (request, next) =>
  next(request.url.startsWith('/') ? request.clone({ setHeaders: { 'X-Requested-With': 'XMLHttpRequest' } }) : request);

/**
 * HttpClient for Safepath's own APIs. Services call relative URLs (`/api/…`, `/engine-rest/…`)
 * because Angular echoes the XSRF-TOKEN cookie in the X-XSRF-TOKEN header only on same-origin,
 * relative requests; the server refuses cookie-authenticated changes without it.
 */
export function provideSafepathHttp(): EnvironmentProviders {
  return provideHttpClient(
    withFetch(),
    withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
    withInterceptors([scriptRequestInterceptor, unauthorisedInterceptor]),
  );
}
