import { computed, ref, type Ref } from 'vue'
import { personnelApi } from '@/api/personnel'
import type { PersonnelOrganization } from '@/api/types'
import { buildTree, walk, type TreeNode } from '@/utils/tree'
import { useLoad } from '@/utils/useLoad'

export type OrgNode = TreeNode<PersonnelOrganization>

/**
 * The organisations the caller may see, as a tree (server order kept) and by id. Call `load` to fetch; with
 * `includeClosed` true, merged and dissolved ones too.
 */
export function useOrganizations(includeClosed: Readonly<Ref<boolean>> = ref(false)) {
  const { data: organizations, loading, load } = useLoad(() => personnelApi.organizations(includeClosed.value), [] as PersonnelOrganization[])
  const roots = computed(() => buildTree(organizations.value))
  const byId = computed(() => {
    const map = new Map<string, OrgNode>()
    walk(roots.value, (n) => map.set(n.id, n))
    return map
  })
  /** Builds the tree again from the list as fetched: undoes what a drag and drop did to the tree's nodes. */
  const rebuild = () => (organizations.value = organizations.value.slice())
  return { organizations, roots, byId, loading, load, rebuild }
}
