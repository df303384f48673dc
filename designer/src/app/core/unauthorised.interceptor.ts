import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { signInQuery } from './auth.guards';
import { AuthService } from './auth.service';

/** Requests whose 401 is an answer, not an expired session (who am I, sign in, sign-in options). */
const SESSION_QUESTIONS = new Set(['/api/session', '/api/session/options']);

/**
 * A 401 means the session has ended (expired, revoked, password changed elsewhere): the app
 * forgets the person and shows the sign-in page, which brings them back to this page afterwards.
 */
export const unauthorisedInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !SESSION_QUESTIONS.has(request.url.split('?')[0])) {
        auth.forget();
        void router.navigate(['/sign-in'], { queryParams: signInQuery(router.url) });
      }
      return throwError(() => error);
    }),
  );
};
