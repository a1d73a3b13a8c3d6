import type { PersonnelOrganization } from '@/api/types'
import { orgTypeKey } from '@/codes/orgTypes'
import { leaves, walk, type TreeNode } from '@/utils/tree'

type OrgNode = TreeNode<PersonnelOrganization>

export { orgTypeKey }

/** 党支部, 联合党支部 and 临时党支部 are all Party branches. */
const BRANCH_TYPES = new Set(['branch', 'jointbranch', 'temporarybranch'])

export const isBranch = (org: Pick<PersonnelOrganization, 'type'>) => BRANCH_TYPES.has(orgTypeKey(org.type))

const count = (n: number) => (Number.isFinite(n) ? n : 0)

/**
 * The Party branches (党支部) within a subtree, for the members-per-branch chart. Data that types its
 * organisations (`typed`: some organisation is a branch) gives the branch-typed ones, so a union or a
 * united-front group has none; untyped data gives the leaf organisations instead.
 */
export function branchesOf(root: OrgNode, typed: boolean): OrgNode[] {
  if (!typed) return leaves(root)
  const branches: OrgNode[] = []
  walk([root], (n) => {
    if (isBranch(n)) branches.push(n)
  })
  return branches
}

/** The branches' own Party members, added up. */
export function membersIn(branches: readonly OrgNode[]): number {
  return branches.reduce((sum, b) => sum + count(b.memberCount), 0)
}

/** Everyone in the subtree, Party member or not. */
export function peopleIn(root: OrgNode): number {
  let sum = 0
  walk([root], (n) => (sum += count(n.peopleCount)))
  return sum
}
