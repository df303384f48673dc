import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';
import { safeReturnUrl } from './session';

/** Pages for signed-in people: anyone else goes to /sign-in and comes back here afterwards. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if ((await auth.restore()) !== null) return true;
  return router.createUrlTree(['/sign-in'], { queryParams: signInQuery(state.url) });
};

/** The sign-in page: someone already signed in goes where they were heading. */
export const signedOutGuard: CanActivateFn = async (route) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if ((await auth.restore()) === null) return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};

/** `?returnUrl=…` for a page other than the start page. */
export function signInQuery(url: string): Record<string, string> {
  const target = safeReturnUrl(url);
  return target === '/' ? {} : { returnUrl: target };
}
