import { computed, reactive, ref, watch, type Ref } from 'vue'
import type { Page } from '@/api/types'
import { notifyError } from './notify'

export const PAGE_SIZES = [10, 20, 50, 100]

/**
 * Server-side paging for a table: `load(page, pageSize)` runs on fetchPage() and search(), and by itself
 * whenever the pager's page or page size changes (bind them to TablePagination with v-model; a new page size
 * starts again at page 1). Stale responses (from an earlier call) are dropped.
 */
export function useServerPage<T>(load: (page: number, pageSize: number) => Promise<Page<T>>) {
  const items = ref([]) as Ref<T[]>
  // capped: the server counted only up to `total` (Page.totalCapped)
  const pager = reactive({ page: 1, pageSize: 20, total: 0, capped: false })
  const loading = ref(false)
  let ticket = 0

  async function fetchPage(): Promise<void> {
    const mine = ++ticket
    loading.value = true
    try {
      const result = await load(pager.page, pager.pageSize)
      if (mine !== ticket) return
      items.value = result?.items ?? []
      pager.total = result?.total ?? 0
      pager.capped = result?.totalCapped === true
    } catch (e) {
      if (mine === ticket) notifyError(e)
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  watch(
    () => [pager.page, pager.pageSize] as const,
    ([page, size], [, oldSize]) => {
      // back to page 1 first: that change comes through here again and fetches
      if (size !== oldSize && page !== 1) pager.page = 1
      else void fetchPage()
    },
  )

  /** Shows the first page for the current search (the watcher fetches when the page changes to 1). */
  function search(): Promise<void> {
    if (pager.page === 1) return fetchPage()
    pager.page = 1
    return Promise.resolve()
  }

  return { items, pager, loading, fetchPage, search }
}

/** Client-side paging over an already-filtered list. */
export function useClientPage<T>(source: Ref<T[]>) {
  const pager = reactive({ page: 1, pageSize: 20 })
  const total = computed(() => source.value.length)
  const pageItems = computed(() => {
    const maxPage = Math.max(1, Math.ceil(total.value / pager.pageSize))
    const page = Math.min(pager.page, maxPage)
    const start = (page - 1) * pager.pageSize
    return source.value.slice(start, start + pager.pageSize)
  })
  return { pager, total, pageItems }
}
