import { ElMessage, ElMessageBox } from 'element-plus'
import { isApiError } from '@/api/http'
import { i18n } from '@/i18n'

/** Localised text for an error: the server's problem detail (already localised), else its title. */
export function errorMessage(error: unknown): string {
  const t = i18n.global.t
  if (isApiError(error)) {
    if (error.isNetworkError) return t('error.network')
    return error.detail || error.title || t('error.generic')
  }
  return t('error.generic')
}

/**
 * Shows an error in ElMessage. A 401 from a non-auth call is not shown here:
 * the unauthorized handler already sends the user to the login page.
 */
export function notifyError(error: unknown): void {
  if (isApiError(error) && error.status === 401 && !error.path.startsWith('/api/platform/auth/')) return
  if (!isApiError(error)) console.error(error)
  ElMessage.error({ message: errorMessage(error), grouping: true, showClose: true })
}

export function notifySuccess(message: string): void {
  ElMessage.success({ message, grouping: true })
}

/** Asks before a consequential action (disable, revoke …); true when the user confirms, false when they back out. */
export async function confirmWarning(message: string): Promise<boolean> {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(message, t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
    })
    return true
  } catch {
    return false
  }
}
