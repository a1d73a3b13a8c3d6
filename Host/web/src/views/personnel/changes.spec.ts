import { describe, expect, it } from 'vitest'
import type { PersonChange } from '@/api/types'
import { summarizeChange } from './changes'

const change = (kind: string, before: unknown, after: unknown, reason: string | null = null): PersonChange => ({
  id: 1,
  change: kind,
  effectiveOn: '2025-03-01',
  reason,
  before: before === null ? null : JSON.stringify(before),
  after: JSON.stringify(after),
  recordedAt: '2025-03-01T08:00:00Z',
  recordedBy: null,
})

describe('summarizeChange (the person timeline)', () => {
  it('lists what a recording recorded', () => {
    const s = summarizeChange(change('recorded', null, { name: '张三', organizationId: 'o1', partyStatus: 'applicant' }))
    expect(s.kind).toBe('recorded')
    expect(s.fields).toEqual([
      { field: 'name', before: null, after: '张三' },
      { field: 'organizationId', before: null, after: 'o1' },
      { field: 'partyStatus', before: null, after: 'applicant' },
    ])
  })

  it('shows a status change before → after with its document number', () => {
    const s = summarizeChange(change('party_status', { partyStatus: 'applicant' }, { partyStatus: 'activist', documentNumber: '党发〔2025〕1号' }))
    expect(s.fields).toEqual([{ field: 'partyStatus', before: 'applicant', after: 'activist' }])
    expect(s.documentNumber).toBe('党发〔2025〕1号')
  })

  it('keeps only the basic fields that changed, and says when the ID number or phone changed', () => {
    const before = { name: '张三', gender: '1', birthDate: '1990-01-01', ethnicity: '01', education: null, department: '办公室' }
    const after = {
      basics: { ...before, name: '张叁', education: '21' },
      idNumberChanged: true,
      phoneChanged: false,
    }
    const s = summarizeChange(change('basics_updated', before, after))
    expect(s.fields).toEqual([
      { field: 'name', before: '张三', after: '张叁' },
      { field: 'education', before: null, after: '21' },
    ])
    expect(s.changedSecrets).toEqual(['idNumber'])
    expect(s.documentNumber).toBeNull()
  })

  it('survives JSON it does not understand', () => {
    const s = summarizeChange({ ...change('transferred', null, {}), before: 'not json', after: '[1,2]' })
    expect(s).toEqual({ kind: 'transferred', fields: [], changedSecrets: [], documentNumber: null, set: null, period: null, sensitiveChanged: false })
  })

  it("reads an information-set entry's change as its set's values, with the period and a sensitive change flagged", () => {
    const added = summarizeChange(
      change('record_added', null, { set: 'education', recordId: 'r1', values: { education: '21', school: '清华大学' }, from: '2008-09-01', to: null, sensitiveChanged: false }),
    )
    expect(added.set).toBe('education')
    expect(added.fields).toEqual([
      { field: 'education', before: null, after: '21' },
      { field: 'school', before: null, after: '清华大学' },
    ])
    expect(added.period).toEqual({ from: '2008-09-01', to: null })

    const updated = summarizeChange(
      change('record_updated', { set: 'family', values: { relation: '10', birthYear: '1989' } }, {
        set: 'family',
        recordId: 'r2',
        values: { relation: '10', birthYear: '1990' },
        from: null,
        to: null,
        sensitiveChanged: true,
      }),
    )
    expect(updated.fields).toEqual([{ field: 'birthYear', before: '1989', after: '1990' }])
    expect(updated.period).toBeNull()
    expect(updated.sensitiveChanged).toBe(true)
  })

  it('tells a value the change did not record before from an empty one', () => {
    const s = summarizeChange(change('transferred_out', { relation: 'active' }, { relation: 'transferred_out', letterNumber: '红帆转〔2025〕1号' }))
    expect(s.fields).toEqual([
      { field: 'relation', before: 'active', after: 'transferred_out' },
      { field: 'letterNumber', before: undefined, after: '红帆转〔2025〕1号' },
    ])
    const entry = summarizeChange(change('record_updated', { set: 'education', values: {} }, { set: 'education', values: { major: '测绘' } }))
    expect(entry.fields).toEqual([{ field: 'major', before: null, after: '测绘' }])
  })

  it('leaves out the old organisation name of a move (the id says it)', () => {
    const s = summarizeChange(change('moved', { organizationId: 'o1', organizationName: '机关第一党支部' }, { organizationId: 'o2' }))
    expect(s.fields).toEqual([{ field: 'organizationId', before: 'o1', after: 'o2' }])
  })
})
