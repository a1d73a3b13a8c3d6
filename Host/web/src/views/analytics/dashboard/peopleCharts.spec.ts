import { describe, expect, it } from 'vitest'
import type { PeopleComposition } from '@/api/analytics/people'
import { drillBucket, peopleCharts } from './peopleCharts'

const t = (key: string, args?: Record<string, unknown>) => (args ? `${key}:${JSON.stringify(args)}` : key)

const composition: PeopleComposition = {
  asOf: '2026-11-30',
  fromSnapshot: false,
  members: 3,
  occupations: [{ key: '3', count: 2 }, { key: 'none', count: 1 }],
  titleLevels: [{ key: '2', count: 3 }],
  young: { people: 4, traits: [{ key: 'specialty', count: 2 }], requests: [{ category: 'housing', open: 1, answered: 2, closed: 0 }] },
  massOrganizations: [
    { organizationId: 'u', name: '工会', type: 'union', members: 3, posts: [{ key: '会员', count: 2 }, { key: '主席', count: 1 }] },
    { organizationId: 'l', name: '团支部', type: 'youth_league_branch', members: 1, posts: [{ key: '团员', count: 1 }] },
  ],
  unitedFront: [{ key: '01', count: 1 }],
  democraticParties: [{ key: '05', count: 1 }],
}

describe('people composition charts', () => {
  const charts = Object.fromEntries(peopleCharts(composition, t).map((c) => [c.key, c]))

  it('labels codes from the locale and keeps the bucket keys for drilling', () => {
    expect(charts.occupation.categories).toEqual(['analytics.people.codes.occupation.3', 'analytics.people.codes.occupation.none'])
    expect(charts.occupation.buckets).toEqual(['3', 'none'])
    expect(charts.youngTraits.title).toContain('"people":4')
  })

  it('gives the mass organisations one series per post, zero where an organisation has none of it', () => {
    expect(charts.massOrganizations.series.map((s) => s.name)).toEqual(['会员', '主席', '团员'])
    expect(charts.massOrganizations.series.map((s) => s.values)).toEqual([[2, 0], [1, 0], [0, 1]])
  })

  it('drills into bucket|series where the series is part of the bucket', () => {
    expect(drillBucket(charts.youngRequests, composition, 0, 1)).toBe('housing|answered')
    expect(drillBucket(charts.massOrganizations, composition, 1, 2)).toBe('l|团员')
    expect(drillBucket(charts.occupation, composition, 1, 0)).toBe('none')
  })
})
