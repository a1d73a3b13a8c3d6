/**
 * Party status (党籍) codes and the transitions the server allows (copied from Domain/PartyStatus.cs): the
 * status-change dialog offers only these, and the person form asks for the dates a status needs
 * (Domain/PartyDates.cs). Names are messages under people.statuses.<code>.
 */

export const PARTY_STATUSES = [
  'non_member',
  'applicant',
  'activist',
  'candidate',
  'probationary',
  'full_member',
  'suspended',
  'deceased',
  'removed',
  'expelled',
  'withdrawn',
  'lapsed',
] as const

export type PartyStatus = (typeof PARTY_STATUSES)[number]

const EXITS: readonly PartyStatus[] = ['deceased', 'removed', 'expelled', 'withdrawn', 'lapsed']

/** Where each status may go next; a status not listed (an exit) goes nowhere. Order: the usual next step first. */
export const TRANSITIONS: Readonly<Partial<Record<PartyStatus, readonly PartyStatus[]>>> = {
  non_member: ['applicant', 'deceased'],
  applicant: ['activist', 'non_member', 'deceased'],
  activist: ['candidate', 'non_member', 'deceased'],
  candidate: ['probationary', 'non_member', 'deceased'],
  probationary: ['full_member', 'non_member', 'deceased', 'expelled', 'withdrawn', 'removed'],
  full_member: ['suspended', ...EXITS],
  suspended: ['full_member', 'removed', 'expelled', 'deceased'],
}

/** The statuses a person in `from` may be moved to (none for an exit or an unknown code). */
export function allowedTargets(from: string | null | undefined): readonly PartyStatus[] {
  return (from && TRANSITIONS[from as PartyStatus]) || []
}

export const isPartyStatus = (value: unknown): value is PartyStatus =>
  typeof value === 'string' && (PARTY_STATUSES as readonly string[]).includes(value)

/** Party members in the sense of the statistics: probationary and full members. */
export const MEMBER_STATUSES: readonly PartyStatus[] = ['probationary', 'full_member']

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The el-tag colour of a status: members red (primary), the way in amber, suspended orange, exits grey. */
export function statusTagType(status: string): TagType {
  switch (status) {
    case 'full_member':
    case 'probationary':
      return 'primary'
    case 'applicant':
    case 'activist':
    case 'candidate':
      return 'warning'
    case 'suspended':
      return 'danger'
    case 'non_member':
      return 'success'
    default:
      return 'info'
  }
}

/** The dates of the way into the party, in their order (each on or after the one before). */
export const PARTY_DATE_FIELDS = ['appliedOn', 'activistOn', 'candidateOn', 'joinedOn', 'convertedOn'] as const
export type PartyDateField = (typeof PARTY_DATE_FIELDS)[number]

export interface PartyDateSlot {
  field: PartyDateField
  required: boolean
}

const REQUIRED: Partial<Record<PartyStatus, readonly PartyDateField[]>> = {
  applicant: ['appliedOn'],
  activist: ['appliedOn', 'activistOn'],
  candidate: ['appliedOn', 'activistOn', 'candidateOn'],
  probationary: ['joinedOn'],
  full_member: ['joinedOn', 'convertedOn'],
  suspended: ['joinedOn', 'convertedOn'],
}

/** How far along the way in a status lies: the dates up to that step can be given, later ones cannot. */
function lastStep(status: PartyStatus): number {
  switch (status) {
    case 'non_member':
      return -1
    case 'applicant':
      return 0
    case 'activist':
      return 1
    case 'candidate':
      return 2
    case 'probationary':
      return 3
    default:
      // members, suspended members and the exits (which mostly end a membership)
      return 4
  }
}

/** The dates the person form asks for with a status, and which of them the server requires. */
export function partyDatesFor(status: string | null | undefined): PartyDateSlot[] {
  if (!isPartyStatus(status)) return []
  const required = REQUIRED[status] ?? []
  return PARTY_DATE_FIELDS.slice(0, lastStep(status) + 1).map((field) => ({ field, required: required.includes(field) }))
}

/** Whether the probation extension (延长预备期) applies: from admission on. */
export const hasProbation = (status: string | null | undefined) => isPartyStatus(status) && lastStep(status) >= 3
