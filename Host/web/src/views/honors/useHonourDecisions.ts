import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { honoursApi, type HonourSummary } from '@/api/honors/honours'
import { notifyError, notifySuccess } from '@/utils/notify'
import { useHonourLabels } from './honourLabels'

/**
 * The committee's decisions on an honour, shared by the approval queue and the detail drawer: approve (after a confirm),
 * return or withdraw with a reason (bind `reasonOpen`, `reasonTitle` and `submitReason` to a ReasonDialog).
 */
export function useHonourDecisions(changed: () => unknown) {
  const { t } = useI18n()
  const labels = useHonourLabels()
  const reasonOpen = ref(false)
  const reasonTitle = ref('')
  let pending: ((reason: string) => Promise<void>) | null = null

  async function approve(h: HonourSummary) {
    try {
      await ElMessageBox.confirm(t('honors.approveConfirm', { title: h.title, holder: labels.holder(h) }), t('honors.approve'), { type: 'info' })
    } catch {
      return
    }
    try {
      await honoursApi.approve(h.id, h.version)
      notifySuccess(t('honors.approved'))
    } catch (e) {
      notifyError(e)
    }
    await changed()
  }

  function askReason(title: string, send: (reason: string) => Promise<void>) {
    reasonTitle.value = title
    pending = send
    reasonOpen.value = true
  }

  const reject = (h: HonourSummary) =>
    askReason(t('honors.rejectTitle', { title: h.title }), async (reason) => {
      await honoursApi.reject(h.id, reason, h.version)
      notifySuccess(t('honors.rejected'))
      await changed()
    })

  const withdraw = (h: HonourSummary) =>
    askReason(t('honors.withdrawTitle', { title: h.title }), async (reason) => {
      await honoursApi.withdraw(h.id, reason, h.version)
      notifySuccess(t('honors.withdrawn'))
      await changed()
    })

  const submitReason = (reason: string) => pending!(reason)

  return { approve, reject, withdraw, reasonOpen, reasonTitle, submitReason }
}
