import { ref } from 'vue'
import { personnelApi } from '@/api/personnel'

export interface RosterMember {
  id: string
  name: string
  organizationName: string
}

/** At most this many members are offered in one picker (a committee's big class larger than that is recorded per branch). */
export const ROSTER_LIMIT = 200

/** The party members (full and probationary) of an organisation's subtree, for participant and nominee pickers. */
export function useRoster() {
  const members = ref<RosterMember[]>([])
  const loading = ref(false)
  async function load(organizationId: string | null): Promise<RosterMember[]> {
    if (!organizationId) return (members.value = [])
    loading.value = true
    try {
      const page = await personnelApi.people({ organizationId, status: ['full_member', 'probationary'], sort: 'name' }, 1, ROSTER_LIMIT)
      return (members.value = page.items.map((p) => ({ id: p.id, name: p.name, organizationName: p.organizationName })))
    } finally {
      loading.value = false
    }
  }
  return { members, loading, load }
}
