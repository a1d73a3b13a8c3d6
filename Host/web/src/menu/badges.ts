import { reactive, readonly } from 'vue'
import { selfServiceApi } from '@/api/selfService'
import type { MenuBadge } from './menu'

/**
 * The counts next to side-menu entries, shared by every page that knows a newer figure. Each is one cheap request
 * (a page of one, reading its total); a count that cannot be read is simply not shown — it is a hint, not data.
 */
const counts = reactive<Record<MenuBadge, number>>({ pendingProposals: 0 })

const loaders: Record<MenuBadge, () => Promise<number>> = {
  pendingProposals: async () => (await selfServiceApi.proposals('pending', 1, 1)).total,
}

export const menuBadges = readonly(counts)

/** Reads these counts again. */
export async function refreshBadges(badges: readonly MenuBadge[]): Promise<void> {
  await Promise.all(
    badges.map(async (badge) => {
      try {
        counts[badge] = await loaders[badge]()
      } catch {
        counts[badge] = 0
      }
    }),
  )
}

/** A page that has just read the figure itself (e.g. the pending tab's total) passes it on. */
export function setBadge(badge: MenuBadge, count: number): void {
  counts[badge] = count
}
