import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { personnelApi } from '@/api/personnel'
import type { InformationSetCatalog, PersonRecord } from '@/api/types'
import { notifyError } from '@/utils/notify'

/** The catalog per language: it only changes with a release, so one request per page load and language is enough. */
const catalogs = new Map<string, Promise<InformationSetCatalog>>()

function fetchCatalog(locale: string): Promise<InformationSetCatalog> {
  let pending = catalogs.get(locale)
  if (!pending) {
    pending = personnelApi.informationSets()
    catalogs.set(locale, pending)
    pending.catch(() => catalogs.delete(locale))
  }
  return pending
}

/**
 * A person's information sets: the definitions (labelled in the UI language) and the person's entries, fetched
 * once for all sets and again per set after a change. A set can be unmasked (asked by the page, audited by the
 * server) until it is read again.
 */
export function usePersonRecords(personId: Ref<string>) {
  const { locale } = useI18n()
  const catalog = ref<InformationSetCatalog | null>(null)
  const entries = ref<PersonRecord[] | null>(null)
  const loading = ref(false)
  const unmasked = reactive(new Set<string>())

  const sets = computed(() => catalog.value?.sets ?? [])

  async function loadCatalog(): Promise<void> {
    try {
      const found = await fetchCatalog(locale.value)
      catalog.value = Array.isArray(found?.sets) ? found : null
    } catch (e) {
      notifyError(e)
    }
  }

  async function run<T>(action: () => Promise<T>): Promise<T | null> {
    loading.value = true
    try {
      return await action()
    } catch (e) {
      notifyError(e)
      return null
    } finally {
      loading.value = false
    }
  }

  /** Every entry of the person, masked. */
  async function loadAll(): Promise<void> {
    const id = personId.value
    const found = await run(() => personnelApi.records(id))
    if (found && id === personId.value) {
      entries.value = found
      unmasked.clear()
    }
  }

  /** The entries of one set again (masked, or unmasked when asked): true when they came. */
  async function loadSet(kind: string, unmask = false): Promise<boolean> {
    const id = personId.value
    const found = await run(() => personnelApi.records(id, kind, unmask))
    if (!found || id !== personId.value) return false
    entries.value = [...(entries.value ?? []).filter((e) => e.set !== kind), ...found]
    if (unmask) unmasked.add(kind)
    else unmasked.delete(kind)
    return true
  }

  /** The set's entries, in the server's order (newest period first). */
  const entriesOf = (kind: string) => (entries.value ?? []).filter((e) => e.set === kind)

  function reset(): void {
    entries.value = null
    unmasked.clear()
  }

  watch(personId, reset)
  // Code labels come in the caller's language.
  watch(locale, () => void loadCatalog())

  return { catalog, sets, entries, loading, unmasked, loadCatalog, loadAll, loadSet, entriesOf, reset }
}

export type PersonRecords = ReturnType<typeof usePersonRecords>
