import type { Dashboard, DrillMetric } from '@/api/analytics/dashboard'

/** One series of a chart: its values by category; `gender` narrows a drill-down (the pyramid's male/female bars). */
export interface ChartSeries {
  name: string
  values: number[]
  gender?: string
}

/**
 * A dashboard chart as data: the categories (with the bucket keys a click drills into, when `metric` is set), the series,
 * and how to draw them. The same object feeds ECharts, the xlsx export and the drill-down drawer.
 */
export interface ChartSpec {
  key: string
  title: string
  kind: 'bar' | 'hbar' | 'pie' | 'line' | 'pyramid' | 'funnel'
  categories: string[]
  buckets: string[]
  series: ChartSeries[]
  metric?: DrillMetric
}

type T = (key: string, args?: Record<string, unknown>) => string

/** The committee dashboard's charts, labelled in the reader's language. */
export function dashboardCharts(d: Dashboard, t: T): ChartSpec[] {
  const band = (group: string, key: string) => t(`analytics.dashboard.bands.${group}.${key}`)
  const buckets = (group: string, list: { key: string; count: number }[], title: string, kind: ChartSpec['kind'], metric?: DrillMetric): ChartSpec => ({
    key: group,
    title,
    kind,
    categories: list.map((b) => band(group, b.key)),
    buckets: list.map((b) => b.key),
    series: [{ name: t('analytics.dashboard.series.count'), values: list.map((b) => b.count) }],
    metric,
  })
  const years = d.trends.map((y) => String(y.year))
  const honourLevels = [...new Set(d.honours.map((h) => h.level))]
  const honourYears = [...new Set(d.honours.map((h) => h.year))].sort()
  return [
    {
      key: 'agePyramid',
      title: t('analytics.dashboard.charts.agePyramid'),
      kind: 'pyramid',
      categories: d.agePyramid.map((b) => band('age', b.key)),
      buckets: d.agePyramid.map((b) => b.key),
      series: [
        { name: t('analytics.dashboard.series.male'), values: d.agePyramid.map((b) => b.male), gender: '1' },
        { name: t('analytics.dashboard.series.female'), values: d.agePyramid.map((b) => b.female), gender: '2' },
      ],
      metric: 'age',
    },
    buckets('education', d.education, t('analytics.dashboard.charts.education'), 'bar', 'education'),
    buckets('partyAge', d.partyAge, t('analytics.dashboard.charts.partyAge'), 'bar', 'partyAge'),
    buckets('joiningPeriod', d.joiningPeriods, t('analytics.dashboard.charts.joiningPeriod'), 'hbar', 'joiningPeriod'),
    buckets('status', d.funnel, t('analytics.dashboard.charts.funnel'), 'funnel', 'status'),
    buckets('ethnicity', d.ethnicity, t('analytics.dashboard.charts.ethnicity'), 'pie', 'ethnicity'),
    {
      key: 'trends',
      title: t('analytics.dashboard.charts.trends'),
      kind: 'line',
      categories: years,
      buckets: years,
      series: (['joinedStillMembers', 'admitted', 'converted', 'losses'] as const).map((s) => ({
        name: t(`analytics.dashboard.series.${s}`),
        values: d.trends.map((y) => y[s]),
      })),
    },
    {
      key: 'honours',
      title: t('analytics.dashboard.charts.honours'),
      kind: 'bar',
      categories: honourYears.map(String),
      buckets: honourYears.map(String),
      series: honourLevels.map((level) => ({
        name: level,
        values: honourYears.map((y) => d.honours.find((h) => h.level === level && h.year === y)?.count ?? 0),
      })),
    },
  ]
}

/** The chart's figures as rows for a spreadsheet: the category, then one column per series. */
export function chartRows(chart: ChartSpec): { columns: string[]; rows: (string | number)[][] } {
  return {
    columns: [chart.title, ...chart.series.map((s) => s.name)],
    rows: chart.categories.map((c, i) => [c, ...chart.series.map((s) => s.values[i] ?? 0)]),
  }
}
