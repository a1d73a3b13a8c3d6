import type { DuesBand, MeetingQuota, RuleValue } from '@/api/workflow/rules'

/** How a rule value is shown and edited. */
export type RuleValueKind = 'number' | 'codes' | 'quotas' | 'bands'

export function kindOf(value: RuleValue): RuleValueKind {
  if (typeof value === 'number') return 'number'
  if (Array.isArray(value)) return value.length > 0 && typeof value[0] === 'object' ? 'bands' : 'codes'
  return 'quotas'
}

/** Dues bands as one line: "≤3000: 0.5% · ≤5000: 1% · >5000: 2%". */
export function formatBands(bands: readonly DuesBand[]): string {
  return bands
    .map((band, i) => (band.upTo === null ? `>${bands[i - 1]?.upTo ?? 0}: ${band.percent}%` : `≤${band.upTo}: ${band.percent}%`))
    .join(' · ')
}

/** A quota in words, with the period's name given by the caller (i18n): "1 / 月". */
export function formatQuota(quota: MeetingQuota, periodName: (per: string) => string): string {
  return `${quota.count} / ${periodName(quota.per)}`
}

/** A deep copy of a version's rules for editing (the form must not change the listed version). */
export function copyRules<T>(rules: T): T {
  return JSON.parse(JSON.stringify(rules)) as T
}
