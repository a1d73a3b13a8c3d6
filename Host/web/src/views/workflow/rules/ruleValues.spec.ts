import { describe, expect, it } from 'vitest'
import { copyRules, formatBands, formatQuota, kindOf } from './ruleValues'

describe('workflow rule values', () => {
  it('tell numbers, codes, quotas and bands apart', () => {
    expect(kindOf(6)).toBe('number')
    expect(kindOf(['education'])).toBe('codes')
    expect(kindOf([])).toBe('codes')
    expect(kindOf({ committee_meeting: { per: 'month', count: 1 } })).toBe('quotas')
    expect(kindOf([{ upTo: 3000, percent: 0.5 }, { upTo: null, percent: 1 }])).toBe('bands')
  })

  it('write dues bands with their upper limits and the open last band', () => {
    expect(formatBands([{ upTo: 3000, percent: 0.5 }, { upTo: 5000, percent: 1 }, { upTo: null, percent: 2 }])).toBe('≤3000: 0.5% · ≤5000: 1% · >5000: 2%')
  })

  it('write a quota with the period named by the caller', () => {
    expect(formatQuota({ per: 'quarter', count: 1 }, (p) => ({ quarter: '季度' })[p] ?? p)).toBe('1 / 季度')
  })

  it('copy rules so that editing leaves the original alone', () => {
    const original = { dues: { inService: [{ upTo: 3000, percent: 0.5 }] } }
    const copy = copyRules(original)
    copy.dues.inService[0].percent = 9
    expect(original.dues.inService[0].percent).toBe(0.5)
  })
})
