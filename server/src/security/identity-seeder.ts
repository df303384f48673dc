/**
 * At boot: one organisation per folder of `processes/` (its tenant), and — when SEED_DEMO_USERS
 * is on — the demo users and API tokens of `demo-directory.ts`. Existing users are left as
 * they are (a changed demo password stays changed).
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { readOrganisationIds } from '../engine-host/process-directory';
import { DEMO_PASSWORD, DEMO_TOKEN_SECRET, ORGANISATIONS, PLATFORM_ADMIN, demoTokenId, organisationName } from './demo-directory';
import { IdentityRepository } from './identity.repository';
import { hashPassword } from './passwords';
import { hashSecret } from './secrets';

@Injectable()
export class IdentitySeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly identities: IdentityRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const ids = new Set([...readOrganisationIds(this.config.processesDir)]);
    for (const id of ids) await this.identities.upsertOrganisation(id, organisationName(id));
    if (this.config.adminApiToken !== undefined) await this.ensureAdminToken(this.config.adminApiToken);
    if (!this.config.seedDemoUsers) return;
    const created = await this.seedDemo(ids);
    if (created > 0) this.logger.warn(`Created ${created} demo users with the demo password (see README); set SEED_DEMO_USERS=false for real use`);
  }

  /** The platform-administrator token of ADMIN_API_TOKEN (`<id>.<secret>`), created once. */
  async ensureAdminToken(value: string): Promise<void> {
    const dot = value.indexOf('.');
    await this.identities.createToken({
      id: value.slice(0, dot),
      tenantId: null,
      name: `admin token ${value.slice(0, dot)}`,
      secretHash: hashSecret(value.slice(dot + 1)),
      roles: ['platform-admin'],
      createdBy: null,
    });
  }

  /** Creates the demo users and tokens of the organisations in `ids`; returns how many users were new. */
  async seedDemo(ids: ReadonlySet<string>): Promise<number> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let created = 0;
    const admin = await this.identities.createUser({ tenantId: null, ...PLATFORM_ADMIN, passwordHash, demo: true });
    if (admin !== null) created++;
    for (const organisation of ORGANISATIONS.filter((o) => ids.has(o.id))) {
      for (const user of organisation.users) {
        const row = await this.identities.createUser({ tenantId: organisation.id, ...user, passwordHash, demo: true });
        if (row !== null) created++;
      }
      await this.identities.createToken({
        id: demoTokenId(organisation.id),
        tenantId: organisation.id,
        name: `${organisation.id} engine client (demo)`,
        secretHash: hashSecret(DEMO_TOKEN_SECRET),
        roles: ['engine'],
        createdBy: null,
      });
    }
    return created;
  }
}
