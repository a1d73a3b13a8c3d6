import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { REMINDER_KINDS, WARNING_KINDS, isOverdue, reminderLabel, warningLabel, warningTagType } from './alerts'

function translator(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  return { t: (key: string) => i18n.global.t(key), te: (key: string) => i18n.global.te(key) }
}

describe('structure warnings and reminders', () => {
  it('name every warning the server sends in Chinese and English', () => {
    const zh = translator('zh-CN')
    expect(WARNING_KINDS.map((w) => warningLabel(zh, w))).toEqual([
      '党员人数超过上限',
      '应设支委会未设',
      '正式党员不足',
      '未录入届次',
      '临近届满',
      '已届满未换届',
    ])
    const english = translator('en')
    for (const w of WARNING_KINDS) expect(warningLabel(english, w), w).not.toBe(w)
  })

  it('show a warning the UI does not know yet as its code', () => {
    expect(warningLabel(translator('zh-CN'), 'something_new')).toBe('something_new')
  })

  it('name the reminder kinds', () => {
    const zh = translator('zh-CN')
    expect(REMINDER_KINDS.map((k) => reminderLabel(zh, k))).toEqual(['预备期满', '超龄离团'])
  })

  it('colour what is already wrong red and what is due amber', () => {
    expect(warningTagType('term_expired')).toBe('danger')
    expect(warningTagType('over_member_limit')).toBe('danger')
    expect(warningTagType('term_expiring')).toBe('warning')
    expect(warningTagType('committee_missing')).toBe('warning')
  })

  it('call a due date before today overdue, today not', () => {
    expect(isOverdue('2025-03-01', '2025-03-02')).toBe(true)
    expect(isOverdue('2025-03-02', '2025-03-02')).toBe(false)
    expect(isOverdue('2025-04-01', '2025-03-02')).toBe(false)
  })
})
