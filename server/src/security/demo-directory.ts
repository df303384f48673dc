/**
 * The organisations Safepath ships procedures for, and the demo people and API tokens the
 * embedded default creates for each (never with NODE_ENV=production unless SEED_DEMO_USERS=true).
 * Candidate groups are the roles the process models in `processes/<organisation>/` name.
 */
import type { Role } from './caller';

/** The one password of every demo user (README lists the users). Demo only. */
export const DEMO_PASSWORD = 'safepath-demo';
/** The secret of every demo API token: `Authorization: Basic <tokenId>:<this>`. Demo only. */
export const DEMO_TOKEN_SECRET = 'safepath-demo-token';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  groups: string[];
}

export interface OrganisationEntry {
  /** The tenant id: the folder under `processes/`. */
  id: string;
  name: string;
  users: DemoUser[];
}

const supportRoles = (prefix: string, name: string): DemoUser[] => [
  { username: `${prefix}.policy`, displayName: `${name} policy lead`, roles: ['policy-lead'], groups: [] },
  { username: `${prefix}.trainer`, displayName: `${name} trainer`, roles: ['trainer'], groups: [] },
  { username: `${prefix}.admin`, displayName: `${name} administrator`, roles: ['org-admin'], groups: [] },
];

export const ORGANISATIONS: readonly OrganisationEntry[] = [
  {
    id: 'hackney-dais',
    name: 'Hackney Domestic Abuse Intervention Service',
    users: [
      { username: 'dais.duty', displayName: 'DAIS duty officer', roles: ['staff'], groups: ['dais_duty_officer'] },
      { username: 'dais.officer', displayName: 'DAIS intervention officer', roles: ['staff'], groups: ['dais_intervention_officer'] },
      { username: 'dais.marac', displayName: 'MARAC coordinator', roles: ['staff'], groups: ['marac_coordinator'] },
      {
        username: 'dais.housing',
        displayName: 'Hackney housing officer',
        roles: ['staff'],
        groups: ['hackney_customer_service', 'hackney_customer_service_team_leader', 'hackney_duty_housing_manager', 'hackney_emergency_officer', 'hackney_housing_contact_centre', 'hackney_service_centre'],
      },
      {
        username: 'dais.manager',
        displayName: 'DAIS service manager',
        roles: ['manager', 'staff'],
        groups: ['dais_service_manager', 'dais_manager', 'dais_service_manager_line_manager'],
      },
      ...supportRoles('dais', 'DAIS'),
    ],
  },
  {
    id: 'cmg',
    name: 'Child Maintenance Group',
    users: [
      { username: 'cmg.caseworker', displayName: 'CMG caseworker', roles: ['staff'], groups: ['cmg_caseworker', 'cmg_supporting_colleague'] },
      { username: 'cmg.colleague', displayName: 'CMG supporting colleague', roles: ['staff'], groups: ['cmg_supporting_colleague', 'cmg_real_time_support_group'] },
      { username: 'cmg.teamleader', displayName: 'CMG team leader', roles: ['staff'], groups: ['cmg_team_leader'] },
      { username: 'cmg.duty', displayName: 'CMG duty manager', roles: ['staff'], groups: ['cmg_duty_manager'] },
      { username: 'cmg.acssl', displayName: 'CMG ACSSL', roles: ['staff'], groups: ['cmg_acssl'] },
      { username: 'cmg.manager', displayName: 'CMG manager', roles: ['manager', 'staff'], groups: ['cmg_manager'] },
      ...supportRoles('cmg', 'CMG'),
    ],
  },
  {
    id: 'tai-calon',
    name: 'Tai Calon Community Housing',
    users: [
      { username: 'tc.cho', displayName: 'Community Housing Officer', roles: ['staff'], groups: ['tc_cho', 'tc_receiving_staff', 'tc_staff_member'] },
      { username: 'tc.cso', displayName: 'Community Safety Officer', roles: ['staff'], groups: ['tc_cso'] },
      {
        username: 'tc.officer',
        displayName: 'Tai Calon housing services officer',
        roles: ['staff'],
        groups: ['tc_lettings', 'tc_maintenance', 'tc_communications', 'tc_hm_community_safety_lettings'],
      },
      {
        username: 'tc.manager',
        displayName: 'Housing Manager',
        roles: ['manager', 'staff'],
        groups: ['tc_housing_manager', 'tc_line_manager', 'tc_customer_services_manager'],
      },
      ...supportRoles('tc', 'Tai Calon'),
    ],
  },
  {
    id: 'supported-housing',
    name: 'Supported housing provider',
    users: [
      { username: 'sh.staff', displayName: 'Support worker', roles: ['staff'], groups: ['sh_staff'] },
      { username: 'sh.dalead', displayName: 'Domestic abuse lead', roles: ['staff'], groups: ['sh_da_lead'] },
      { username: 'sh.safeguarding', displayName: 'Safeguarding lead', roles: ['staff'], groups: ['sh_safeguarding_lead'] },
      { username: 'sh.manager', displayName: 'Line manager', roles: ['manager', 'staff'], groups: ['sh_line_manager'] },
      ...supportRoles('sh', 'Supported housing'),
    ],
  },
  {
    id: 'central-bedfordshire',
    name: 'Central Bedfordshire Council DA service',
    users: [
      { username: 'cb.officer', displayName: 'DA service officer', roles: ['staff'], groups: ['cb_da_service_officer'] },
      { username: 'cb.partner', displayName: 'Partner agency professional', roles: ['staff'], groups: ['cb_referring_professional', 'cb_marac_core_agencies'] },
      { username: 'cb.lead', displayName: 'DA service lead', roles: ['manager', 'staff'], groups: ['cb_da_service_lead'] },
      ...supportRoles('cb', 'Central Bedfordshire'),
    ],
  },
];

/** The platform administrator (no organisation). */
export const PLATFORM_ADMIN: DemoUser = { username: 'platform.admin', displayName: 'Platform administrator', roles: ['platform-admin'], groups: [] };

/** Each organisation's demo machine client: id `<organisation>-engine`, role `engine`. */
export function demoTokenId(organisationId: string): string {
  return `${organisationId}-engine`;
}

export function organisationName(id: string): string {
  return ORGANISATIONS.find((o) => o.id === id)?.name ?? id;
}
