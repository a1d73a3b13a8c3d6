import { computed, ref, watch } from 'vue'
import { useOrganizations, type OrgNode } from '@/views/personnel/useOrganizations'

/** The organisations that run a branch's party work (Domain/BranchTypes.cs on the server). */
export const BRANCH_TYPES = ['branch', 'joint_branch', 'temporary_branch', 'general_branch']
export const isBranchType = (type: string | undefined) => !!type && BRANCH_TYPES.includes(type)

/**
 * The organisation a workflow page works on: the caller's tree (from Personnel), the one chosen (the first root by
 * default: the committee for its administrator, the branch for its secretary), whether it is a branch, and its branches.
 */
export function useWorkflowOrgs() {
  const { roots, byId, loading, load } = useOrganizations()
  const organizationId = ref<string | null>(null)
  watch(roots, (r) => {
    if (!organizationId.value && r.length) organizationId.value = r[0].id
  })
  const selected = computed<OrgNode | undefined>(() => (organizationId.value ? byId.value.get(organizationId.value) : undefined))
  const isBranch = computed(() => isBranchType(selected.value?.type))
  /** The chosen organisation's subtree, for pickers that offer only its branches. */
  const subtree = computed<OrgNode[]>(() => (selected.value ? [selected.value] : []))
  return { roots, byId, loading, load, organizationId, selected, isBranch, subtree }
}

/** The years a page offers: from next year back ten. */
export function yearOptions(now = new Date()): number[] {
  return Array.from({ length: 11 }, (_, i) => now.getFullYear() + 1 - i)
}
