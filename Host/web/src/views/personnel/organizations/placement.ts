import { maySitUnder, sameKind } from '@/codes/orgTypes'
import { walk } from '@/utils/tree'
import type { OrgNode } from '../useOrganizations'

/**
 * Which changes of the tree to offer, as the server's rules (Features/MoveOrganization, MergeOrganizations,
 * Domain/OrganizationRules.cs) would judge them from what the page knows. Only a hint for drops and pickers:
 * the server decides, and says why when it refuses. Each check answers the reason (a message key under
 * organizations.refusals) or null when nothing speaks against it.
 */
export type Refusal = 'closed' | 'root' | 'underItself' | 'targetClosed' | 'sameParent' | 'typeNotAllowed' | 'intoItself' | 'otherKind'

const isActive = (org: Pick<OrgNode, 'status'>) => !org.status || org.status === 'active'

/** Whether `id` is `org` or lies below it in the tree. */
function within(org: OrgNode, id: string): boolean {
  let found = false
  walk([org], (n) => {
    if (n.id === id) found = true
  })
  return found
}

/**
 * Whether `org` itself may be changed (renamed, moved, merged, dissolved): a closed one is history, and the
 * root (no parent at all, not merely the top of what the caller sees) belongs to the system's setup.
 */
export function changeRefusal(org: OrgNode): Refusal | null {
  if (!isActive(org)) return 'closed'
  if (org.parentId === null) return 'root'
  return null
}

/** Moving `org` (with everything below it) under `target`. */
export function moveRefusal(org: OrgNode, target: OrgNode): Refusal | null {
  const own = changeRefusal(org)
  if (own) return own
  if (within(org, target.id)) return 'underItself'
  if (!isActive(target)) return 'targetClosed'
  if (org.parentId === target.id) return 'sameParent'
  if (!maySitUnder(org.type, target.type)) return 'typeNotAllowed'
  return null
}

/** Merging `source` into `target`: its children and people go there, and it closes. */
export function mergeRefusal(source: OrgNode, target: OrgNode): Refusal | null {
  const own = changeRefusal(source)
  if (own) return own
  if (source.id === target.id) return 'intoItself'
  if (within(source, target.id)) return 'underItself'
  if (!isActive(target)) return 'targetClosed'
  if (!sameKind(source.type, target.type)) return 'otherKind'
  return null
}

/** Setting up a new organisation under `parent`: it must be active. (Which types fit is childTypes.) */
export const createRefusal = (parent: OrgNode): Refusal | null => (isActive(parent) ? null : 'closed')

/** What stands in the way of dissolving: its active children and its people (the server refuses while there are any). */
export function dissolveBlockers(org: OrgNode): { children: number; people: number } {
  return { children: org.children.filter(isActive).length, people: org.peopleCount ?? 0 }
}
