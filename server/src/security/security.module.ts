/**
 * Identity and access: the global guard (every route closed unless public or permitted),
 * sign-in and sessions, API tokens, organisations and the demo directory.
 */
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { EngineHostModule } from '../engine-host/engine-host.module';
import { AdminController } from './admin.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { IdentityRepository } from './identity.repository';
import { IdentitySeeder } from './identity-seeder';
import { SessionController } from './session.controller';
import { OidcController } from './oidc/oidc.controller';

@Module({
  imports: [
    EngineHostModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ throttlers: [{ name: 'login', ttl: 60_000, limit: config.loginRateLimit }] }),
    }),
  ],
  controllers: [SessionController, AdminController, OidcController],
  providers: [IdentityRepository, AuthService, IdentitySeeder, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityRepository, AuthService, IdentitySeeder],
})
export class SecurityModule {}
