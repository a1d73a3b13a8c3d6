import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { RULE_FIELDS } from './ruleSetFields'

describe('the rule-set fields', () => {
  it('cover the fifteen numbers of the rules, each with a Chinese label and a sane range', () => {
    expect(new Set(RULE_FIELDS.map((f) => f.name)).size).toBe(15)
    for (const f of RULE_FIELDS) {
      expect(zhCN.ruleSets.fields[f.name], f.name).toBeTruthy()
      expect(en.ruleSets.fields[f.name], f.name).toBeTruthy()
      expect(f.min, f.name).toBeLessThan(f.max)
    }
  })
})
