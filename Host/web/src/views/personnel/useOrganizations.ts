import { computed } from 'vue'
import { personnelApi } from '@/api/personnel'
import type { PersonnelOrganization } from '@/api/types'
import { buildTree, walk, type TreeNode } from '@/utils/tree'
import { useLoad } from '@/utils/useLoad'

export type OrgNode = TreeNode<PersonnelOrganization>

/** The organisations the caller may see, as a tree (server order kept) and by id. Call `load` to fetch. */
export function useOrganizations() {
  const { data: organizations, loading, load } = useLoad(() => personnelApi.organizations(), [] as PersonnelOrganization[])
  const roots = computed(() => buildTree(organizations.value))
  const byId = computed(() => {
    const map = new Map<string, OrgNode>()
    walk(roots.value, (n) => map.set(n.id, n))
    return map
  })
  return { organizations, roots, byId, loading, load }
}
