import { ref } from 'vue'
import { notifyError, notifySuccess } from './notify'

/**
 * An action on one row of a list (enable, revoke, retry …): the row's key is busy while the call runs, so its
 * buttons can be disabled; success is announced and the list reloaded, a failure is shown.
 */
export function useRowAction(reload: () => Promise<unknown>) {
  const busyKey = ref<string | null>(null)

  async function run(key: string, action: () => Promise<unknown>, successMessage: string): Promise<void> {
    busyKey.value = key
    try {
      await action()
      notifySuccess(successMessage)
      await reload()
    } catch (e) {
      notifyError(e)
    } finally {
      busyKey.value = null
    }
  }

  return { busyKey, run }
}
