import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (value !== null && typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v)
    else out.set(path, value)
  }
  return out
}

const zh = flatten(zhCN as Tree)
const enFlat = flatten(en as Tree)

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('locale files', () => {
  it('have exactly the same keys (recursively)', () => {
    const zhKeys = [...zh.keys()].sort()
    const enKeys = [...enFlat.keys()].sort()
    expect(enKeys.filter((k) => !zh.has(k))).toEqual([])
    expect(zhKeys.filter((k) => !enFlat.has(k))).toEqual([])
    expect(zhKeys.length).toBeGreaterThan(100)
  })

  it('contain only non-empty strings', () => {
    for (const [name, map] of [
      ['zh-CN', zh],
      ['en', enFlat],
    ] as const) {
      for (const [key, value] of map) {
        expect(typeof value, `${name}:${key}`).toBe('string')
        expect((value as string).trim(), `${name}:${key}`).not.toBe('')
      }
    }
  })

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of zh) {
      expect(placeholders(enFlat.get(key) as string), key).toEqual(placeholders(value as string))
    }
  })

  it('compile and render every message without vue-i18n syntax errors', () => {
    const errors: string[] = []
    const i18n = createI18n({
      legacy: false,
      locale: 'zh-CN',
      messages: { 'zh-CN': zhCN, en },
      missingWarn: false,
      fallbackWarn: false,
      warnHtmlMessage: false,
    })
    const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string
    for (const locale of ['zh-CN', 'en'] as const) {
      i18n.global.locale.value = locale
      const map = locale === 'zh-CN' ? zh : enFlat
      for (const [key, raw] of map) {
        const named = Object.fromEntries(placeholders(raw as string).map((p) => [p, `<${p}>`]))
        try {
          const text = t(key, named)
          if (text === key) errors.push(`${locale}:${key} did not resolve`)
          for (const p of Object.keys(named)) if (!text.includes(`<${p}>`)) errors.push(`${locale}:${key} lost {${p}}`)
          if (/[{}]/.test(text)) errors.push(`${locale}:${key} left braces: ${text}`)
        } catch (e) {
          errors.push(`${locale}:${key}: ${(e as Error).message}`)
        }
      }
    }
    expect(errors).toEqual([])
  })

  it('name the product as agreed', () => {
    expect(zhCN.app.name).toBe('红帆智慧党建')
    expect(en.app.name).toBe('RedSail Party Building')
  })
})
