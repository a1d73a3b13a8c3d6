import { describe, expect, it } from 'vitest'
import type { MyRecord, TraitField } from '@/api/selfService'
import type { PersonView } from '@/api/types'
import { PHONE_PATTERN } from '@/codes/formats'
import {
  buildProposal,
  changedFields,
  clearedFields,
  hasPending,
  proposalForm,
  proposalLines,
  proposalTagType,
  proposesAnything,
} from './proposals'

function record(phone: string | null, traits: Partial<Record<TraitField, string>> | null, pending = false): MyRecord {
  return {
    person: { phone } as PersonView,
    traits: traits ? { id: 't1', set: 'traits', values: traits, masked: false, updatedAt: '2026-01-01T00:00:00Z', version: 1 } : null,
    proposals: pending ? [{ id: 'p1', status: 'pending', createdAt: '2026-01-02T00:00:00Z', decidedAt: null, decisionReason: null, note: null }] : [],
  }
}

describe('the proposal form', () => {
  it('starts from what the record holds, blanks for what it does not', () => {
    const form = proposalForm(record('13800138000', { specialty: '档案管理', health: '良好' }))
    expect(form).toEqual({ phone: '13800138000', specialty: '档案管理', skills: '', hobbies: '', health: '良好', children: '', note: '' })
    expect(proposalForm(null)).toEqual({ phone: '', specialty: '', skills: '', hobbies: '', health: '', children: '', note: '' })
  })

  it('sends only the fields that changed, trimmed, with the note when there is one', () => {
    const mine = record('13800138000', { specialty: '档案管理', hobbies: '摄影' })
    const form = { ...proposalForm(mine), phone: ' 13912345678 ', hobbies: '摄影', skills: ' 书法 ', note: '  换了手机号 ' }

    expect(buildProposal(form, mine)).toEqual({ phone: '13912345678', traits: { skills: '书法' }, note: '换了手机号' })
  })

  it('sends a sensitive trait like any other: the server encrypts it', () => {
    const mine = record(null, null)
    const form = { ...proposalForm(mine), health: '良好', children: '一子' }

    expect(buildProposal(form, mine)).toEqual({ traits: { health: '良好', children: '一子' } })
  })

  it('sends nothing when nothing changed, and a note alone proposes nothing', () => {
    const mine = record('13800138000', { specialty: '档案管理' })
    const untouched = { ...proposalForm(mine), specialty: ' 档案管理 ' }
    const noteOnly = { ...proposalForm(mine), note: '没有变化' }

    expect(buildProposal(untouched, mine)).toEqual({})
    expect(changedFields(untouched, mine)).toEqual([])
    expect(proposesAnything(buildProposal(untouched, mine))).toBe(false)
    expect(proposesAnything(buildProposal(noteOnly, mine))).toBe(false)
    expect(proposesAnything({ phone: '13912345678' })).toBe(true)
    expect(proposesAnything({ traits: { hobbies: '摄影' } })).toBe(true)
  })

  it('names an emptied value (which a proposal cannot clear) and does not send it', () => {
    const mine = record('13800138000', { hobbies: '摄影', skills: '书法' })
    const form = { ...proposalForm(mine), phone: '', hobbies: '  ', skills: '篆刻' }

    expect(clearedFields(form, mine)).toEqual(['phone', 'hobbies'])
    expect(buildProposal(form, mine)).toEqual({ traits: { skills: '篆刻' } })
  })

  it('checks the phone as the person form and the server do', () => {
    for (const ok of ['13912345678', '010-68001234', '0571-8800123', '01068001234-12']) expect(PHONE_PATTERN.test(ok), ok).toBe(true)
    for (const bad of ['12912345678', '1391234567', '139123456789', '68001234', 'abc']) expect(PHONE_PATTERN.test(bad), bad).toBe(false)
  })
})

describe('a proposal as the approver sees it', () => {
  it('lists the phone first, then the traits in the form order; sensitive ones without their value', () => {
    const lines = proposalLines({ traits: { hobbies: '摄影', specialty: '档案管理' }, sensitiveFields: ['health', 'phone'] })

    expect(lines).toEqual([
      { field: 'phone', value: null },
      { field: 'specialty', value: '档案管理' },
      { field: 'hobbies', value: '摄影' },
      { field: 'health', value: null },
    ])
  })

  it('never shows a sensitive field value even if one came with the ordinary traits', () => {
    expect(proposalLines({ traits: { health: '良好' }, sensitiveFields: [] })).toEqual([])
    expect(proposalLines({ traits: { health: '良好' }, sensitiveFields: ['health'] })).toEqual([{ field: 'health', value: null }])
  })

  it('still shows fields this UI does not know, by their name', () => {
    expect(proposalLines({ traits: { motto: '实干' }, sensitiveFields: ['secretThing'] } as never)).toEqual([
      { field: 'motto', value: '实干' },
      { field: 'secretThing', value: null },
    ])
  })
})

describe('statuses', () => {
  it('colours waiting amber, approved green, returned red', () => {
    expect(proposalTagType('pending')).toBe('warning')
    expect(proposalTagType('approved')).toBe('success')
    expect(proposalTagType('rejected')).toBe('danger')
    expect(proposalTagType('other')).toBe('info')
  })

  it('knows when a proposal is waiting', () => {
    expect(hasPending(record(null, null, true))).toBe(true)
    expect(hasPending(record(null, null, false))).toBe(false)
    expect(hasPending(null)).toBe(false)
  })
})
