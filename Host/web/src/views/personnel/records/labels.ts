import { useI18n } from 'vue-i18n'
import type { InformationSetDefinition } from '@/api/types'

/** Names of the information sets and their fields in the UI language (an unknown one shows as itself). */
export function useRecordLabels() {
  const { t, te } = useI18n()
  const named = (key: string, fallback: string) => (te(key) ? t(key) : fallback)
  return {
    /** 学历学位, 家庭成员 … */
    setName: (kind: string) => named(`records.sets.${kind}`, kind),
    /** 毕业院校, 家庭成员姓名 … */
    field: (kind: string, field: string) => named(`records.fields.${kind}.${field}`, field),
    /** 开始日期, or the one date of a set without a period (奖惩日期, 提出日期) */
    from: (set: Pick<InformationSetDefinition, 'kind' | 'hasPeriod'>) =>
      set.hasPeriod ? t('records.validFrom') : named(`records.dateOf.${set.kind}`, t('records.validFrom')),
    to: () => t('records.validTo'),
  }
}
