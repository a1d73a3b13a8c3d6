import { describe, expect, it } from 'vitest'
import { choiceFromQuery, choiceQuery, importTarget, importTextKey, IMPORTABLE_SETS } from './importTarget'

const has = (keys: string[]) => (key: string) => keys.includes(key)

describe('choiceFromQuery', () => {
  it('reads records and a known set from the address', () => {
    expect(choiceFromQuery({ kind: 'records', set: 'family' })).toEqual({ kind: 'records', set: 'family' })
  })

  it('falls back to people, and to the first set, for anything else', () => {
    expect(choiceFromQuery({})).toEqual({ kind: 'people', set: 'education' })
    expect(choiceFromQuery({ kind: 'other', set: 'family' })).toEqual({ kind: 'people', set: 'family' })
    expect(choiceFromQuery({ kind: 'records', set: 'mass_org' })).toEqual({ kind: 'records', set: 'education' })
    expect(choiceFromQuery({ kind: ['records'], set: ['family'] })).toEqual({ kind: 'people', set: 'education' })
  })

  it('round-trips with choiceQuery, which leaves the default out', () => {
    for (const set of IMPORTABLE_SETS) expect(choiceFromQuery(choiceQuery({ kind: 'records', set }))).toEqual({ kind: 'records', set })
    expect(choiceQuery({ kind: 'people', set: 'family' })).toEqual({})
  })

  it('offers no membership of a mass organisation, which the server does not import', () => {
    expect(IMPORTABLE_SETS).not.toContain('mass_org')
  })
})

describe('importTextKey', () => {
  it('takes the records wording where there is one, and the people import one otherwise', () => {
    const hasMessage = has(['recordsImport.preview.commit'])
    expect(importTextKey('records', 'preview.commit', hasMessage)).toBe('recordsImport.preview.commit')
    expect(importTextKey('records', 'preview.rows', hasMessage)).toBe('peopleImport.preview.rows')
    expect(importTextKey('people', 'preview.commit', hasMessage)).toBe('peopleImport.preview.commit')
  })
})

describe('importTarget', () => {
  it('asks for an organisation for people only, and names the template after the set', () => {
    const people = importTarget({ kind: 'people', set: 'family' }, has([]))
    const family = importTarget({ kind: 'records', set: 'family' }, has(['recordsImport.result.recorded']))
    expect(people.needsOrganization).toBe(true)
    expect(people.templateFileName).toBe('people-import-template.xlsx')
    expect(family.needsOrganization).toBe(false)
    expect(family.templateFileName).toBe('family-import-template.xlsx')
    expect(family.text('result.recorded')).toBe('recordsImport.result.recorded')
    expect(people.text('result.recorded')).toBe('peopleImport.result.recorded')
  })
})
