import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi } from '@/api/auth'
import { isApiError } from '@/api/http'
import type { Me } from '@/api/types'
import { isAllowed } from '@/menu/menu'

/**
 * Who is signed in. Kept in memory only (never in browser storage);
 * it is reloaded from GET /api/platform/auth/me on every page load.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)

  const signedIn = computed(() => me.value !== null)
  const permissions = computed<readonly string[]>(() => me.value?.permissions ?? [])

  function can(required: readonly string[] | undefined): boolean {
    return isAllowed(required, permissions.value)
  }

  /** Returns the current user, or null when not signed in (401). Other failures are rethrown. */
  async function loadMe(): Promise<Me | null> {
    try {
      me.value = await authApi.me()
      return me.value
    } catch (e) {
      me.value = null
      if (isApiError(e) && (e.status === 401 || e.status === 403)) return null
      throw e
    } finally {
      loaded.value = true
    }
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      me.value = null
    }
  }

  function clear(): void {
    me.value = null
  }

  return { me, loaded, signedIn, permissions, can, loadMe, logout, clear }
})
