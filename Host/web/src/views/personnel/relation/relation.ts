import type { Relation } from '@/api/types'
import { MEMBER_STATUSES } from '@/codes/partyStatus'

/**
 * A member's organisational relation (组织关系) and what may be done with it (copied from Domain/Relation.cs):
 * only members (probationary, full) have one; a transferred-out member is kept for reference, nothing more.
 * Names are messages under relation.statuses.<code>.
 */

export type RelationTarget = Exclude<Relation, 'transferred_out'>

/** What ChangeMemberRelation allows from each relation. */
const CHANGES: Readonly<Record<RelationTarget, readonly RelationTarget[]>> = {
  active: ['flowing', 'lost_contact'],
  flowing: ['active', 'lost_contact'],
  lost_contact: ['active', 'flowing'],
}

export const isMember = (partyStatus: string | null | undefined) => (MEMBER_STATUSES as readonly string[]).includes(partyStatus ?? '')

export interface RelationActions {
  transferOut: boolean
  move: boolean
  /** flowing / lost contact: the ones the member may be registered as */
  register: RelationTarget[]
  /** back to normal */
  restore: boolean
}

/** The relation actions a person offers: none for a non-member or a member transferred out. */
export function relationActions(person: { partyStatus: string; relation?: string | null }): RelationActions {
  const relation = (person.relation ?? 'active') as Relation
  if (!isMember(person.partyStatus) || relation === 'transferred_out' || !(relation in CHANGES))
    return { transferOut: false, move: false, register: [], restore: false }
  const next = CHANGES[relation as RelationTarget]
  return { transferOut: true, move: true, register: next.filter((r) => r !== 'active'), restore: next.includes('active') }
}

/** Whether the header shows the relation: for members, and for anyone whose relation is not the default. */
export const showsRelation = (person: { partyStatus: string; relation?: string | null }) =>
  isMember(person.partyStatus) || (!!person.relation && person.relation !== 'active')

type TagType = 'success' | 'warning' | 'danger' | 'info'

export function relationTagType(relation: string | null | undefined): TagType {
  switch (relation) {
    case 'flowing':
      return 'warning'
    case 'lost_contact':
      return 'danger'
    case 'transferred_out':
      return 'info'
    default:
      return 'success'
  }
}

/** This month, YYYY-MM (what the dues month picker shows first). */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7)
}
