import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCnElement from 'element-plus/es/locale/lang/zh-cn.mjs'
import enElement from 'element-plus/es/locale/lang/en.mjs'
import zhCN, { type MessageSchema } from '@/locales/zh-CN'
import en from '@/locales/en'

export type AppLocale = 'zh-CN' | 'en'

export const SUPPORTED_LOCALES: readonly AppLocale[] = ['zh-CN', 'en']
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'
/** The only key this application ever writes to browser storage. */
export const LOCALE_STORAGE_KEY = 'redsail.locale'

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

function readStoredLocale(): AppLocale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: readStoredLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
})

export function currentLocale(): AppLocale {
  const value = i18n.global.locale.value
  return isAppLocale(value) ? value : DEFAULT_LOCALE
}

function applyDocumentLocale(locale: AppLocale): void {
  if (typeof document === 'undefined') return
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.name')
}

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // storage may be unavailable (private mode); the choice then lasts for this page only
  }
  applyDocumentLocale(locale)
}

export function toggleLocale(): AppLocale {
  const next: AppLocale = currentLocale() === 'zh-CN' ? 'en' : 'zh-CN'
  setLocale(next)
  return next
}

/** Element Plus locale that follows the application locale. */
export const elementLocale = computed(() => (currentLocale() === 'en' ? enElement : zhCnElement))

applyDocumentLocale(currentLocale())
