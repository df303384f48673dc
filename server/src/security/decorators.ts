/** Route metadata read by the authentication guard: every route is either public or names one permission. */
import { SetMetadata } from '@nestjs/common';
import type { Permission } from './caller';

export const PUBLIC_ROUTE = 'safepath:public';
export const REQUIRED_PERMISSION = 'safepath:permission';

/** Anyone may call this route, signed in or not (sign-in itself, the engine's version). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The caller must hold `permission` through one of their roles; on a class it applies to every route without its own. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSION, permission);
