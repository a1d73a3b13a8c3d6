/**
 * Organisation type codes and where each may sit in the tree (copied from the server's
 * Domain/OrganizationRules.cs, shared/DOMAIN.md §2): party organisations under party organisations (a party
 * group under a branch), mass and united-front organisations under the committee or under their own kind. The
 * UI uses the rules only as hints (which drops and choices to offer); the server checks them again.
 * Names are messages under personnel.orgTypes.<orgTypeKey(type)>.
 */
import { useI18n } from 'vue-i18n'
import type { IconName } from '@/icons'

export const ORG_TYPES = [
  'committee',
  'general_branch',
  'branch',
  'joint_branch',
  'temporary_branch',
  'party_group',
  'union',
  'women_workers',
  'youth_league',
  'youth_league_branch',
  'women_committee',
  'united_front',
] as const

export type OrgType = (typeof ORG_TYPES)[number]

const BRANCHES: readonly OrgType[] = ['branch', 'joint_branch', 'temporary_branch']

/** The types an organisation of each type may sit under. */
export const ALLOWED_PARENTS: Readonly<Record<OrgType, readonly OrgType[]>> = {
  committee: ['committee'],
  general_branch: ['committee'],
  branch: ['committee', 'general_branch'],
  joint_branch: ['committee', 'general_branch'],
  temporary_branch: ['committee', 'general_branch'],
  party_group: BRANCHES,
  union: ['committee', 'union'],
  women_workers: ['committee', 'union'],
  youth_league: ['committee', 'youth_league'],
  youth_league_branch: ['committee', 'youth_league'],
  women_committee: ['committee', 'women_committee'],
  united_front: ['committee', 'united_front'],
}

export const isOrgType = (value: unknown): value is OrgType => typeof value === 'string' && (ORG_TYPES as readonly string[]).includes(value)

export function maySitUnder(type: string, parentType: string): boolean {
  return isOrgType(type) && isOrgType(parentType) && ALLOWED_PARENTS[type].includes(parentType)
}

/** The types that may be set up under an organisation of `parentType`, in the order of ORG_TYPES. */
export function childTypes(parentType: string): OrgType[] {
  return ORG_TYPES.filter((type) => maySitUnder(type, parentType))
}

/** Merging needs organisations of one kind; the branch types are one kind (a temporary branch may join a branch). */
export function sameKind(a: string, b: string): boolean {
  const kind = (type: string) => (BRANCHES.includes(type as OrgType) ? 'branch' : type)
  return kind(a) === kind(b)
}

/** "general_branch", "General-Branch" → "generalbranch": the key of the type's name under personnel.orgTypes. */
export const orgTypeKey = (type: string | null | undefined) => (type ?? '').toLowerCase().replace(/[^a-z]/g, '')

/** The icon of a type in the tree: the committee a building, branches a flag, groups people, mass organisations their own. */
export function orgTypeIcon(type: string): IconName {
  switch (type) {
    case 'committee':
      return 'OfficeBuilding'
    case 'general_branch':
      return 'School'
    case 'party_group':
      return 'UserFilled'
    case 'union':
    case 'women_workers':
      return 'Suitcase'
    case 'youth_league':
    case 'youth_league_branch':
      return 'Star'
    case 'women_committee':
      return 'Female'
    case 'united_front':
      return 'Connection'
    default:
      return 'Flag'
  }
}

type TagType = 'primary' | 'success' | 'warning' | 'info'

/** The el-tag colour of a type: party organisations red (primary), mass organisations green, united front grey. */
export function orgTypeTag(type: string): TagType {
  if (['union', 'women_workers', 'women_committee'].includes(type)) return 'success'
  if (['youth_league', 'youth_league_branch'].includes(type)) return 'warning'
  if (type === 'united_front' || !isOrgType(type)) return 'info'
  return 'primary'
}

/** The display name of a type in the UI language (an unknown code shows as itself). */
export function useOrgTypeName() {
  const { t, te } = useI18n()
  return (type: string | null | undefined): string => {
    const key = `personnel.orgTypes.${orgTypeKey(type)}`
    return type && te(key) ? t(key) : (type ?? '')
  }
}
