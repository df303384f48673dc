/** `/api/session`: sign-in, sign-out, who am I, password change (the web app's session). */
import { Body, Controller, Delete, Get, HttpCode, Put, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import { CamundaRestError } from '../engine-rest/camunda-rest-error';
import type { Caller } from './caller';
import { permissionsOf } from './caller';
import { AuthError, AuthService, CSRF_COOKIE, SESSION_COOKIE, type SignIn } from './auth.service';
import { Public, RequirePermission } from './decorators';
import { IdentityRepository } from './identity.repository';
import { currentCaller, setRequestCaller } from './request-context';

export class SignInDto {
  @IsString({ message: 'username must be text' })
  @MinLength(1, { message: 'username is required' })
  @MaxLength(200, { message: 'username must have at most 200 characters' })
  username!: string;

  @IsString({ message: 'password must be text' })
  @MinLength(1, { message: 'password is required' })
  @MaxLength(256, { message: 'password must have at most 256 characters' })
  password!: string;
}

export class ChangePasswordDto {
  @IsString({ message: 'currentPassword must be text' })
  @MaxLength(256, { message: 'currentPassword must have at most 256 characters' })
  currentPassword!: string;

  @IsString({ message: 'newPassword must be text' })
  @MaxLength(256, { message: 'newPassword must have at most 256 characters' })
  newPassword!: string;
}

export interface SessionDto {
  userId: string;
  displayName: string;
  tenantId: string | null;
  organisationName: string | null;
  roles: readonly string[];
  groups: readonly string[];
  permissions: string[];
}

@ApiTags('api: session')
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly identities: IdentityRepository,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Sign in with username and password; sets the session and CSRF cookies' })
  async signIn(@Body() body: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    try {
      const session = await this.auth.signIn(body.username, body.password, request.ip ?? null);
      // The sign-in is audited under the person who signed in.
      setRequestCaller(session.caller);
      setSessionCookies(request, response, session);
      return this.describe(session.caller);
    } catch (error) {
      if (error instanceof AuthError) throw new CamundaRestError(error.status, 'AuthenticationException', error.message);
      throw error;
    }
  }

  @Get()
  @RequirePermission('self')
  @ApiOperation({ summary: 'The signed-in user (or API token), their organisation, roles and groups' })
  me(): Promise<SessionDto> {
    return this.describe(requireCaller());
  }

  @Delete()
  @RequirePermission('self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session is revoked on the server and the cookies cleared' })
  async signOut(@Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.signOut(requireCaller());
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Put('password')
  @RequirePermission('self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password; your other sessions end' })
  async changePassword(@Body() body: ChangePasswordDto): Promise<void> {
    try {
      await this.auth.changePassword(requireCaller(), body.currentPassword, body.newPassword);
    } catch (error) {
      if (error instanceof AuthError) throw new CamundaRestError(error.status, error.status === 400 ? 'InvalidRequestException' : 'AuthorizationException', error.message);
      throw error;
    }
  }

  private async describe(caller: Caller): Promise<SessionDto> {
    return {
      userId: caller.userId,
      displayName: caller.displayName,
      tenantId: caller.tenantId,
      organisationName: caller.tenantId === null ? null : await this.identities.organisationName(caller.tenantId),
      roles: caller.roles,
      groups: caller.groups,
      permissions: [...permissionsOf(caller.roles)].sort(),
    };
  }
}

/** Hands a new session to the browser: the httpOnly session cookie and the CSRF cookie the web app echoes (password and single sign-on). */
export function setSessionCookies(request: Request, response: Response, session: SignIn): void {
  const cookie = { sameSite: 'strict' as const, secure: request.secure, path: '/', expires: session.expiresAt };
  response.cookie(SESSION_COOKIE, session.sessionToken, { ...cookie, httpOnly: true });
  response.cookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
}

function requireCaller(): Caller {
  const caller = currentCaller();
  if (caller === null) throw new CamundaRestError(401, 'AuthenticationException', 'Sign in first');
  return caller;
}
