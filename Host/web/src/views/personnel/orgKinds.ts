/**
 * Kinds of organisation by what they are for (Contracts/OrganizationTypes.cs): the mass organisations (群团) an
 * information-set entry may name, and the party organisations that keep a member's relation.
 */

/** 工会, 女职工委员会, 团委, 团支部, 妇委会: what a mass-organisation membership may name. */
export const MASS_ORGANIZATION_TYPES: ReadonlySet<string> = new Set(['union', 'women_workers', 'youth_league', 'youth_league_branch', 'women_committee'])

/** Mass organisations and united-front groups sit beside the party tree: a member's relation is not kept there. */
export const isPartyOrganization = (org: { type: string }) => !MASS_ORGANIZATION_TYPES.has(org.type) && org.type !== 'united_front'
