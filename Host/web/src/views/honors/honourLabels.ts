import { useI18n } from 'vue-i18n'
import type { HonourSummary } from '@/api/honors/honours'

/** How honours read on every honours page: labels of codes, the holder's name, the status tag's colour. */
export function useHonourLabels() {
  const { t } = useI18n()
  return {
    type: (code: string) => t(`honors.types.${code}`),
    level: (code: string) => t(`honors.levels.${code}`),
    status: (code: string) => t(`honors.statuses.${code}`),
    holder: (h: Pick<HonourSummary, 'personName' | 'organizationName'>) => h.personName ?? h.organizationName,
  }
}

export const statusTag = (status: string) =>
  status === 'approved' ? 'success' : status === 'rejected' ? 'danger' : status === 'withdrawn' ? 'info' : 'warning'

/** The years the filters offer: this year back twenty. */
export const honourYears = (now = new Date()) => Array.from({ length: 21 }, (_, i) => now.getFullYear() - i)
