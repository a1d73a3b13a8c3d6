import { describe, expect, it } from 'vitest'
import { scorecardLine, statusTagType } from './scorecardLines'

describe('scorecard lines', () => {
  it('name meeting items by type and give held against required', () => {
    const line = scorecardLine({ item: 'meeting', type: 'committee_meeting', status: 'red', value: 2, expected: 3, missedPeriods: 1 })
    expect(line.labelKey).toBe('workflow.supervision.items.meeting')
    expect(line.labelValues).toEqual({ type: 'committee_meeting' })
    expect(line.detailValues).toEqual({ held: '2', required: '3', missed: 1 })
  })

  it('say when an item does not apply instead of showing empty figures', () => {
    expect(scorecardLine({ item: 'meeting', type: 'group_meeting', status: 'none', value: 0, expected: 0 }).detailKey).toBe(
      'workflow.supervision.details.notApplicable',
    )
    expect(scorecardLine({ item: 'dues', status: 'none', value: null, expected: null }).detailKey).toBe('workflow.supervision.details.noData')
    expect(scorecardLine({ item: 'term', status: 'yellow', value: null }).detailKey).toBe('workflow.supervision.details.noTerm')
  })

  it('colour statuses like traffic lights', () => {
    expect(['green', 'yellow', 'red', 'none'].map(statusTagType)).toEqual(['success', 'warning', 'danger', 'info'])
  })
})
