import { computed, reactive, ref, type Ref } from 'vue'
import type { Page } from '@/api/types'
import { notifyError } from './notify'

export const PAGE_SIZES = [10, 20, 50, 100]

/**
 * Server-side paging for a table: `load(page, pageSize)` is called on search,
 * page change and size change. Stale responses (from an earlier call) are dropped.
 */
export function useServerPage<T>(load: (page: number, pageSize: number) => Promise<Page<T>>) {
  const items = ref([]) as Ref<T[]>
  const pager = reactive({ page: 1, pageSize: 20, total: 0 })
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
    } catch (e) {
      if (mine === ticket) notifyError(e)
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  function search(): Promise<void> {
    pager.page = 1
    return fetchPage()
  }

  function onPageChange(page: number): void {
    pager.page = page
    void fetchPage()
  }

  function onSizeChange(size: number): void {
    pager.pageSize = size
    pager.page = 1
    void fetchPage()
  }

  return { items, pager, loading, fetchPage, search, onPageChange, onSizeChange }
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
