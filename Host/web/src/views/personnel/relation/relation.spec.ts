import { describe, expect, it } from 'vitest'
import { relationActions, relationTagType, showsRelation } from './relation'

describe('the relation actions of a person', () => {
  it('offers a member kept here transfer out, a move and flowing or lost contact', () => {
    expect(relationActions({ partyStatus: 'full_member', relation: 'active' })).toEqual({
      transferOut: true,
      move: true,
      register: ['flowing', 'lost_contact'],
      restore: false,
    })
  })

  it('offers a flowing member lost contact and back to normal', () => {
    expect(relationActions({ partyStatus: 'probationary', relation: 'flowing' })).toMatchObject({ register: ['lost_contact'], restore: true })
    expect(relationActions({ partyStatus: 'full_member', relation: 'lost_contact' })).toMatchObject({ register: ['flowing'], restore: true })
  })

  it('offers nothing to a non-member or to a member transferred out', () => {
    const none = { transferOut: false, move: false, register: [], restore: false }
    expect(relationActions({ partyStatus: 'candidate', relation: 'active' })).toEqual(none)
    expect(relationActions({ partyStatus: 'full_member', relation: 'transferred_out' })).toEqual(none)
  })

  it('shows the relation of members (and of anyone whose relation is not the default)', () => {
    expect(showsRelation({ partyStatus: 'full_member', relation: 'active' })).toBe(true)
    expect(showsRelation({ partyStatus: 'applicant', relation: 'active' })).toBe(false)
    expect(showsRelation({ partyStatus: 'suspended', relation: 'transferred_out' })).toBe(true)
    expect(relationTagType('flowing')).toBe('warning')
    expect(relationTagType('lost_contact')).toBe('danger')
  })
})
