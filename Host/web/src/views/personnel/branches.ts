import type { PersonnelOrganization } from '@/api/types'
import { leaves, walk, type TreeNode } from '@/utils/tree'

type OrgNode = TreeNode<PersonnelOrganization>

const isBranchType = (type: string | null | undefined) => (type ?? '').toLowerCase().replace(/[^a-z]/g, '') === 'branch'

/**
 * The Party branches (党支部) within a subtree, for the members-per-branch chart:
 * organisations whose type is "branch" when the data says so, otherwise the leaf organisations.
 */
export function branchesOf(root: OrgNode): OrgNode[] {
  const typed: OrgNode[] = []
  walk([root], (n) => {
    if (isBranchType(n.type)) typed.push(n)
  })
  return typed.length ? typed : leaves(root)
}

export function membersIn(branches: readonly OrgNode[]): number {
  return branches.reduce((sum, b) => sum + (Number.isFinite(b.memberCount) ? b.memberCount : 0), 0)
}
