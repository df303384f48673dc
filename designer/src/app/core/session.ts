/** The signed-in person as GET /api/session describes them. */
export interface Session {
  userId: string;
  displayName: string;
  /** The organisation; null only for the platform administrator, who sees every organisation. */
  tenantId: string | null;
  organisationName: string | null;
  roles: string[];
  groups: string[];
  permissions: string[];
}

/** How people may sign in here (GET /api/session/options). */
export interface SignInOptions {
  /** Whether single sign-on with the organisation's identity provider is set up. */
  oidc: boolean;
  /** The identity provider's name, when the server gives one (e.g. "Microsoft Entra ID"). */
  oidcLabel?: string;
}

/** Where single sign-on starts: a full page load, the server redirects to the identity provider. */
export const OIDC_LOGIN_URL = '/api/session/oidc/login';

/** Why a sign-in did not work, in words a person can act on. */
export type SignInFailure = 'wrong-credentials' | 'locked-out' | 'unavailable';

export class SignInError extends Error {
  constructor(readonly reason: SignInFailure) {
    super(reason);
    this.name = 'SignInError';
  }
}

/** A password change the server refused, with its message (e.g. "The current password is wrong"). */
export class ChangePasswordError extends Error {
  constructor(
    message: string,
    /** Which field the message is about, so the form can point at it. */
    readonly field: 'currentPassword' | 'newPassword' | null,
  ) {
    super(message);
    this.name = 'ChangePasswordError';
  }
}

/**
 * The in-app address to go back to after signing in: only a path of this app (`/…`), never another
 * site (`//host`, `/\host`) nor the sign-in page itself; anything else is the start page.
 */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/sign-in' || value.startsWith('/sign-in?') || value.startsWith('/sign-in/')) return '/';
  return value;
}
