import { ref, type Ref } from 'vue'
import { notifyError } from './notify'

/**
 * Data a page fetches whole (and again on refresh): `loading` while the call runs; a failure is shown to the
 * user and the data from before is kept.
 */
export function useLoad<T>(fetch: () => Promise<T | null | undefined>, initial: T) {
  const data = ref(initial) as Ref<T>
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      data.value = (await fetch()) ?? initial
    } catch (e) {
      notifyError(e)
    } finally {
      loading.value = false
    }
  }

  return { data, loading, load }
}
