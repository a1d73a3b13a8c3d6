import { computed, onBeforeUnmount, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { isApiError, type DownloadedFile, type DownloadOptions, type TransferProgress } from '@/api/http'
import { i18n } from '@/i18n'
import { notifyError } from './notify'
import { progressPercent, saveBlob } from './transfer'

/**
 * A file download the user can watch and cancel: `progress` is null while the server prepares the file (until
 * its headers arrive), then the bytes received and, when the server said, of how many. The file is saved under
 * the server's name (Content-Disposition), else `fallbackName`. Leaving the page cancels it.
 */
export function useDownload() {
  const active = ref(false)
  const progress = ref<TransferProgress | null>(null)
  const percent = computed(() => progressPercent(progress.value))
  let controller: AbortController | null = null

  /** True when the file was saved; a cancelled download is announced, a failed one shown. */
  async function start(fetchFile: (options: DownloadOptions) => Promise<DownloadedFile>, fallbackName: string): Promise<boolean> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    active.value = true
    progress.value = null
    try {
      const file = await fetchFile({ signal: mine.signal, onProgress: (p) => (progress.value = p) })
      saveBlob(file.blob, file.fileName || fallbackName)
      return true
    } catch (e) {
      if (isApiError(e) && e.isAborted) ElMessage.info({ message: i18n.global.t('download.cancelled'), grouping: true })
      else notifyError(e)
      return false
    } finally {
      if (controller === mine) {
        controller = null
        active.value = false
      }
    }
  }

  function cancel(): void {
    controller?.abort()
  }

  onBeforeUnmount(cancel)

  return { active, progress, percent, start, cancel }
}
