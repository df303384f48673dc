/**
 * `/api/admin`: an organisation administrator manages their organisation's people and machine
 * clients — users, roles, candidate groups, password resets, session revocation, API tokens.
 * Always within the caller's organisation (the platform administrator may name one); another
 * organisation's user answers 404.
 */
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import type { Clock } from '../../engine';
import { CLOCK } from '../engine-host/tokens';
import { CamundaRestError, badRequest } from '../engine-rest/camunda-rest-error';
import { TOKEN_ROLES, USER_ROLES, type Caller, type Role } from './caller';
import { RequirePermission } from './decorators';
import { IdentityRepository, type UserRecord } from './identity.repository';
import { hashPassword, passwordProblem } from './passwords';
import { currentCaller } from './request-context';
import { hashSecret, randomSecret } from './secrets';

/** Roles an organisation administrator may give; platform-admin is given only by a platform administrator. */
const ORGANISATION_ROLES = USER_ROLES.filter((r) => r !== 'platform-admin');
const GROUP = /^[a-z][a-z0-9_]{0,63}$/;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,99}$/i;

export class TenantQueryDto {
  @IsOptional()
  @IsString({ message: 'tenantId must be text' })
  tenantId?: string;
}

export class CreateUserDto {
  @Matches(USERNAME, { message: 'username must be 2-100 letters, digits, dots, dashes, @ or _' })
  username!: string;

  @IsString({ message: 'displayName must be text' })
  @MinLength(1, { message: 'displayName is required' })
  @MaxLength(200, { message: 'displayName must have at most 200 characters' })
  displayName!: string;

  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @IsArray({ message: 'roles must be a list' })
  @ArrayMaxSize(10, { message: 'roles must have at most 10 entries' })
  @IsIn(USER_ROLES, { each: true, message: `each role must be one of ${USER_ROLES.join(', ')}` })
  roles!: Role[];

  @IsArray({ message: 'groups must be a list' })
  @ArrayMaxSize(50, { message: 'groups must have at most 50 entries' })
  @Matches(GROUP, { each: true, message: 'each group must be a lower-case identifier such as tc_cho' })
  groups!: string[];

  @IsString({ message: 'password must be text' })
  @MaxLength(256, { message: 'password must have at most 256 characters' })
  password!: string;

  @IsOptional()
  @IsString({ message: 'tenantId must be text' })
  tenantId?: string;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString({ message: 'displayName must be text' })
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(200, { message: 'displayName must have at most 200 characters' })
  displayName?: string;

  @IsOptional()
  @IsArray({ message: 'roles must be a list' })
  @IsIn(USER_ROLES, { each: true, message: `each role must be one of ${USER_ROLES.join(', ')}` })
  roles?: Role[];

  @IsOptional()
  @IsArray({ message: 'groups must be a list' })
  @Matches(GROUP, { each: true, message: 'each group must be a lower-case identifier such as tc_cho' })
  groups?: string[];

  @IsOptional()
  @IsBoolean({ message: 'disabled must be true or false' })
  disabled?: boolean;
}

export class ResetPasswordDto {
  @IsString({ message: 'password must be text' })
  @MaxLength(256, { message: 'password must have at most 256 characters' })
  password!: string;
}

export class CreateTokenDto {
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name is required' })
  @MaxLength(100, { message: 'name must have at most 100 characters' })
  name!: string;

  @IsArray({ message: 'roles must be a list' })
  @IsIn(TOKEN_ROLES, { each: true, message: `each role must be one of ${TOKEN_ROLES.join(', ')}` })
  roles!: Role[];

  @IsOptional()
  @IsString({ message: 'tenantId must be text' })
  tenantId?: string;
}

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  tenantId: string | null;
  roles: string[];
  groups: string[];
  disabled: boolean;
  locked: boolean;
  singleSignOn: boolean;
}

@ApiTags('api: administration')
@Controller('api/admin')
@RequirePermission('users:manage')
export class AdminController {
  constructor(
    private readonly identities: IdentityRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('users')
  @ApiOperation({ summary: "The organisation's users (never password hashes)" })
  async users(@Query() query: TenantQueryDto): Promise<UserDto[]> {
    const tenantId = await this.tenantOf(query.tenantId);
    return (await this.identities.listUsers(tenantId)).map((u) => this.describe(u));
  }

  @Post('users')
  @ApiOperation({ summary: 'Create a user of the organisation with roles, candidate groups and an initial password' })
  async createUser(@Body() body: CreateUserDto): Promise<UserDto> {
    const tenantId = await this.tenantOf(body.tenantId);
    this.checkRoles(body.roles);
    const problem = passwordProblem(body.username, body.password);
    if (problem !== null) throw badRequest(problem.replace('The new password', 'The password'));
    const created = await this.identities.createUser({
      tenantId,
      username: body.username,
      displayName: body.displayName,
      email: body.email ?? null,
      passwordHash: await hashPassword(body.password),
      roles: body.roles,
      groups: [...new Set(body.groups)],
    });
    if (created === null) throw new CamundaRestError(409, 'InvalidRequestException', `The username '${body.username}' is taken`);
    return this.describe(created);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: "Change a user's name, roles, groups, or disable them (their sessions end)" })
  async updateUser(@Param('id') id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    const user = await this.visibleUser(id);
    if (body.roles !== undefined) this.checkRoles(body.roles);
    // An administrator cannot lock themselves out: another administrator must do it.
    if (user.id === currentCaller()?.id && (body.disabled === true || (body.roles !== undefined && !body.roles.includes('org-admin') && user.roles.includes('org-admin')))) {
      throw badRequest('You cannot disable your own account or remove your own administrator role: ask another administrator');
    }
    await this.identities.updateUser(user.id, {
      displayName: body.displayName,
      roles: body.roles,
      groups: body.groups === undefined ? undefined : [...new Set(body.groups)],
      disabled: body.disabled,
    });
    if (body.disabled === true || body.roles !== undefined || body.groups !== undefined) {
      await this.identities.revokeUserSessions(user.id, this.clock.now());
    }
    return this.describe((await this.identities.findUserById(user.id)) as UserRecord);
  }

  @Post('users/:id/password')
  @HttpCode(204)
  @ApiOperation({ summary: "Reset a user's password; their sessions end" })
  async resetPassword(@Param('id') id: string, @Body() body: ResetPasswordDto): Promise<void> {
    const user = await this.visibleUser(id);
    const problem = passwordProblem(user.username, body.password);
    if (problem !== null) throw badRequest(problem.replace('The new password', 'The password'));
    await this.identities.setPassword(user.id, await hashPassword(body.password));
    await this.identities.revokeUserSessions(user.id, this.clock.now());
  }

  @Delete('users/:id/sessions')
  @HttpCode(204)
  @ApiOperation({ summary: "End every session of a user at once (a lost device, a leaver)" })
  async revokeSessions(@Param('id') id: string): Promise<void> {
    const user = await this.visibleUser(id);
    await this.identities.revokeUserSessions(user.id, this.clock.now());
  }

  @Get('tokens')
  @ApiOperation({ summary: "The organisation's API tokens (never their secrets)" })
  async tokens(@Query() query: TenantQueryDto): Promise<unknown[]> {
    return this.identities.listTokens(await this.tenantOf(query.tenantId));
  }

  @Post('tokens')
  @ApiOperation({ summary: 'Create an API token; its secret is shown once, in this response' })
  async createToken(@Body() body: CreateTokenDto): Promise<{ id: string; name: string; roles: Role[]; token: string }> {
    const tenantId = await this.tenantOf(body.tenantId);
    if (tenantId === null) throw badRequest('An API token belongs to an organisation: give tenantId');
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const secret = randomSecret();
    const created = await this.identities.createToken({ id, tenantId, name: body.name, secretHash: hashSecret(secret), roles: body.roles, createdBy: caller().userId });
    if (!created) throw new CamundaRestError(409, 'InvalidRequestException', `A token named '${body.name}' exists`);
    return { id, name: body.name, roles: body.roles, token: `${id}.${secret}` };
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API token' })
  async revokeToken(@Param('id') id: string): Promise<void> {
    const scope = caller().platformAdmin ? null : caller().tenantId;
    if (!(await this.identities.revokeToken(id, scope))) throw new CamundaRestError(404, 'InvalidRequestException', `No API token ${id}`);
  }

  /** The organisation acted on: the caller's own; a platform administrator may name one. */
  private async tenantOf(requested: string | undefined): Promise<string | null> {
    const me = caller();
    if (!me.platformAdmin) {
      if (requested !== undefined && requested !== me.tenantId) throw new CamundaRestError(404, 'InvalidRequestException', `No organisation ${requested}`);
      return me.tenantId;
    }
    if (requested === undefined) return null;
    if ((await this.identities.organisationName(requested)) === null) throw new CamundaRestError(404, 'InvalidRequestException', `No organisation ${requested}`);
    return requested;
  }

  private checkRoles(roles: readonly Role[]): void {
    if (!caller().platformAdmin && roles.some((r) => !(ORGANISATION_ROLES as readonly string[]).includes(r))) {
      throw new CamundaRestError(403, 'AuthorizationException', 'Only a platform administrator can give the platform-admin role');
    }
  }

  private async visibleUser(id: string): Promise<UserRecord> {
    const me = caller();
    const user = await this.identities.findUserById(id);
    if (user === null || (!me.platformAdmin && user.tenantId !== me.tenantId)) throw new CamundaRestError(404, 'InvalidRequestException', `No user ${id}`);
    if (!me.platformAdmin && user.roles.includes('platform-admin')) throw new CamundaRestError(404, 'InvalidRequestException', `No user ${id}`);
    return user;
  }

  private describe(user: UserRecord): UserDto {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      tenantId: user.tenantId,
      roles: user.roles,
      groups: user.groups,
      disabled: user.disabled,
      locked: user.lockedUntil !== null && user.lockedUntil > this.clock.now(),
      singleSignOn: user.oidcSubject !== null,
    };
  }
}

function caller(): Caller {
  const me = currentCaller();
  if (me === null) throw new CamundaRestError(401, 'AuthenticationException', 'Sign in first');
  return me;
}
