import { computed, reactive, ref, type UnwrapRef } from 'vue'
import { useClientPage } from './usePaged'
import { useLoad } from './useLoad'

/**
 * A list the server sends whole, searched and paged in the browser. The search form (`query`) applies when
 * the user searches, not while they are still typing; `resetSearch` empties it and shows everything again.
 */
export function useFilteredList<T, Q extends Record<string, string>>(
  fetch: () => Promise<T[] | null | undefined>,
  emptyQuery: Q,
  matches: (item: T, query: Q) => boolean,
) {
  const { data: items, loading, load } = useLoad(fetch, [] as T[])
  const query = reactive({ ...emptyQuery })
  const applied = ref({ ...emptyQuery })
  const filtered = computed(() => items.value.filter((item) => matches(item, applied.value as Q)))
  const { pager, total, pageItems } = useClientPage(filtered)

  function search(): void {
    applied.value = { ...query } as UnwrapRef<Q>
    pager.page = 1
  }

  function resetSearch(): void {
    Object.assign(query, emptyQuery)
    search()
  }

  return { items, loading, load, query, search, resetSearch, pager, total, pageItems }
}
