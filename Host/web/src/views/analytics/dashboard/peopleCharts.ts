import type { PeopleComposition } from '@/api/analytics/people'
import type { ChartSpec } from './charts'

type T = (key: string, args?: Record<string, unknown>) => string

/** The care statuses, in the order of the requests chart's series. */
export const CARE_STATUSES = ['open', 'answered', 'closed'] as const

/**
 * The people-composition charts (occupation, title level, young employees, mass organisations, united front), labelled in the
 * reader's language. A chart whose bars stand for bucket|series (care requests by status, mass-organisation posts) drills into
 * `drillBucket`'s key.
 */
export function peopleCharts(p: PeopleComposition, t: T): ChartSpec[] {
  const label = (group: string, key: string) => t(`analytics.people.codes.${group}.${key}`)
  const count = t('analytics.dashboard.series.count')
  const posts = [...new Set(p.massOrganizations.flatMap((o) => o.posts.map((x) => x.key)))]
  return [
    {
      key: 'occupation',
      title: t('analytics.people.charts.occupation'),
      kind: 'bar',
      categories: p.occupations.map((b) => label('occupation', b.key)),
      buckets: p.occupations.map((b) => b.key),
      series: [{ name: count, values: p.occupations.map((b) => b.count) }],
      metric: 'occupation',
    },
    {
      key: 'titleLevel',
      title: t('analytics.people.charts.titleLevel'),
      kind: 'pie',
      categories: p.titleLevels.map((b) => label('titleLevel', b.key)),
      buckets: p.titleLevels.map((b) => b.key),
      series: [{ name: count, values: p.titleLevels.map((b) => b.count) }],
      metric: 'titleLevel',
    },
    {
      key: 'youngTraits',
      title: t('analytics.people.charts.youngTraits', { people: p.young.people }),
      kind: 'bar',
      categories: p.young.traits.map((b) => label('trait', b.key)),
      buckets: p.young.traits.map((b) => b.key),
      series: [{ name: count, values: p.young.traits.map((b) => b.count) }],
      metric: 'youngTrait',
    },
    {
      key: 'youngRequests',
      title: t('analytics.people.charts.youngRequests'),
      kind: 'bar',
      categories: p.young.requests.map((r) => label('care', r.category)),
      buckets: p.young.requests.map((r) => r.category),
      series: CARE_STATUSES.map((s) => ({ name: label('careStatus', s), values: p.young.requests.map((r) => r[s]) })),
      metric: 'youngCare',
    },
    {
      key: 'massOrganizations',
      title: t('analytics.people.charts.massOrganizations'),
      kind: 'hbar',
      categories: p.massOrganizations.map((o) => o.name),
      buckets: p.massOrganizations.map((o) => o.organizationId),
      series: posts.map((post) => ({
        name: post === 'none' ? t('analytics.people.noPost') : post,
        values: p.massOrganizations.map((o) => o.posts.find((x) => x.key === post)?.count ?? 0),
      })),
      metric: 'massOrg',
    },
    {
      key: 'unitedFront',
      title: t('analytics.people.charts.unitedFront'),
      kind: 'hbar',
      categories: p.unitedFront.map((b) => label('unitedFront', b.key)),
      buckets: p.unitedFront.map((b) => b.key),
      series: [{ name: count, values: p.unitedFront.map((b) => b.count) }],
      metric: 'unitedFront',
    },
    {
      key: 'democraticParties',
      title: t('analytics.people.charts.democraticParties'),
      kind: 'bar',
      categories: p.democraticParties.map((b) => label('democraticParty', b.key)),
      buckets: p.democraticParties.map((b) => b.key),
      series: [{ name: count, values: p.democraticParties.map((b) => b.count) }],
      metric: 'democraticParty',
    },
  ]
}

/** The bucket a click drills into: the bar's, narrowed to its series where the series is part of the bucket. */
export function drillBucket(chart: ChartSpec, p: PeopleComposition, index: number, seriesIndex: number): string {
  const bucket = chart.buckets[index]
  if (chart.key === 'youngRequests') return `${bucket}|${CARE_STATUSES[seriesIndex]}`
  if (chart.key === 'massOrganizations') {
    const posts = [...new Set(p.massOrganizations.flatMap((o) => o.posts.map((x) => x.key)))]
    return `${bucket}|${posts[seriesIndex]}`
  }
  return bucket
}
