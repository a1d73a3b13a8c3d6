import { describe, expect, it } from 'vitest'
import { idCheckCharacter, isValidIdNumber, normalizeIdNumber, parseIdNumber } from './idNumber'
import { EDUCATION_GROUPS, EDUCATIONS, ETHNICITIES, GENDERS, codeName } from './tables'
import { PARTY_STATUSES, TRANSITIONS, allowedTargets, hasProbation, partyDatesFor, statusTagType } from './partyStatus'

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example 11010519491231002X and reads birth date and gender from it', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X')
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(parseIdNumber('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: '2' })
  })

  it('accepts a lower-case x and surrounding blanks, as the server does', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X')
    expect(isValidIdNumber(' 11010519491231002x ')).toBe(true)
  })

  it('rejects a changed check character or digit', () => {
    for (const c of '0123456789') expect(isValidIdNumber(`11010519491231002${c}`), c).toBe(false)
    expect(isValidIdNumber('11010519491231003X')).toBe(false)
  })

  it('rejects wrong lengths, letters and impossible dates even with a matching check character', () => {
    expect(isValidIdNumber('')).toBe(false)
    expect(isValidIdNumber(null)).toBe(false)
    expect(isValidIdNumber('11010519491231002')).toBe(false)
    expect(isValidIdNumber('11010519491231002XX')).toBe(false)
    expect(isValidIdNumber('A1010519491231002X')).toBe(false)
    const feb30 = '11010519490230001'
    expect(isValidIdNumber(feb30 + idCheckCharacter(feb30))).toBe(false)
  })

  it('derives the gender from the parity of the 17th digit', () => {
    const male = '11010519800101001'
    expect(parseIdNumber(male + idCheckCharacter(male))).toEqual({ birthDate: '1980-01-01', gender: '1' })
    const female = '44030420000229002'
    expect(parseIdNumber(female + idCheckCharacter(female))).toEqual({ birthDate: '2000-02-29', gender: '2' })
  })
})

describe('code tables', () => {
  it('has the 56 ethnic groups of GB 3304 numbered 01–56, then 97 and 98', () => {
    const groups = ETHNICITIES.filter((e) => Number(e.code) <= 56)
    expect(groups).toHaveLength(56)
    expect(groups.map((e) => e.code)).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')))
    expect(new Set(groups.map((e) => e.zh)).size).toBe(56)
    expect(groups.every((e) => e.zh.endsWith('族'))).toBe(true)
    expect(codeName(ETHNICITIES, '01', 'zh-CN')).toBe('汉族')
    expect(codeName(ETHNICITIES, '56', 'en')).toBe('基诺族')
    expect(ETHNICITIES.map((e) => e.code).slice(56)).toEqual(['97', '98'])
  })

  it('names genders and education in both languages and keeps unknown codes as they are', () => {
    expect(GENDERS.map((g) => g.code)).toEqual(['1', '2', '0', '9'])
    expect(codeName(GENDERS, '1', 'zh-CN')).toBe('男')
    expect(codeName(GENDERS, '2', 'en')).toBe('Female')
    expect(codeName(EDUCATIONS, '14', 'zh-CN')).toBe('硕士研究生毕业')
    expect(codeName(EDUCATIONS, '14', 'en')).toBe("Master's, graduated")
    expect(codeName(EDUCATIONS, '55', 'zh-CN')).toBe('55')
    expect(codeName(EDUCATIONS, null, 'zh-CN')).toBe('')
    expect(EDUCATIONS.every((e) => e.en && e.en !== e.zh)).toBe(true)
  })

  it('groups education codes by their tens (the list filter takes the first digit)', () => {
    expect(EDUCATION_GROUPS.map((g) => g.group)).toEqual(['1', '2', '3', '4', '6', '7', '8', '9'])
    const postgraduate = EDUCATION_GROUPS[0]
    expect(postgraduate.entry.zh).toBe('研究生教育')
    expect(postgraduate.options.map((e) => e.code)).toEqual(['11', '12', '13', '14', '15', '16', '17', '18', '19'])
    expect(EDUCATION_GROUPS.find((g) => g.group === '9')!.options.map((e) => e.code)).toEqual(['90'])
    const offered = EDUCATION_GROUPS.flatMap((g) => g.options).length + EDUCATION_GROUPS.length - 1
    expect(offered).toBe(EDUCATIONS.length) // every code is a group or one of a group's options
  })
})

describe('party status transitions', () => {
  it('offers only the moves of the server table', () => {
    expect(allowedTargets('applicant')).toEqual(['activist', 'non_member', 'deceased'])
    expect(allowedTargets('activist')).toEqual(['candidate', 'non_member', 'deceased'])
    expect(allowedTargets('candidate')).toEqual(['probationary', 'non_member', 'deceased'])
    expect(allowedTargets('probationary')).toEqual(['full_member', 'non_member', 'deceased', 'expelled', 'withdrawn', 'removed'])
    expect([...allowedTargets('full_member')].sort()).toEqual(['deceased', 'expelled', 'lapsed', 'removed', 'suspended', 'withdrawn'])
    expect(allowedTargets('suspended')).toEqual(['full_member', 'removed', 'expelled', 'deceased'])
    expect(allowedTargets('non_member')).toEqual(['applicant', 'deceased'])
  })

  it('offers nothing after an exit, for an unknown status or none', () => {
    for (const exit of ['deceased', 'removed', 'expelled', 'withdrawn', 'lapsed']) expect(allowedTargets(exit), exit).toEqual([])
    expect(allowedTargets('member')).toEqual([])
    expect(allowedTargets(null)).toEqual([])
  })

  it('never skips a step on the way in and only names known statuses', () => {
    expect(allowedTargets('applicant')).not.toContain('candidate')
    expect(allowedTargets('activist')).not.toContain('probationary')
    expect(allowedTargets('candidate')).not.toContain('full_member')
    for (const [from, targets] of Object.entries(TRANSITIONS)) {
      expect(PARTY_STATUSES, from).toContain(from)
      for (const to of targets!) {
        expect(PARTY_STATUSES, `${from} → ${to}`).toContain(to)
        expect(to, from).not.toBe(from)
      }
    }
  })

  it('asks the person form for the dates a status needs', () => {
    const required = (s: string) => partyDatesFor(s).filter((d) => d.required).map((d) => d.field)
    const asked = (s: string) => partyDatesFor(s).map((d) => d.field)
    expect(asked('non_member')).toEqual([])
    expect(required('applicant')).toEqual(['appliedOn'])
    expect(required('activist')).toEqual(['appliedOn', 'activistOn'])
    expect(required('candidate')).toEqual(['appliedOn', 'activistOn', 'candidateOn'])
    expect(asked('probationary')).toEqual(['appliedOn', 'activistOn', 'candidateOn', 'joinedOn'])
    expect(required('probationary')).toEqual(['joinedOn'])
    expect(required('full_member')).toEqual(['joinedOn', 'convertedOn'])
    expect(required('suspended')).toEqual(['joinedOn', 'convertedOn'])
    expect(required('deceased')).toEqual([])
    expect(partyDatesFor('')).toEqual([])
    expect(hasProbation('probationary')).toBe(true)
    expect(hasProbation('candidate')).toBe(false)
  })

  it('colours members, the way in and exits differently', () => {
    expect(statusTagType('full_member')).toBe('primary')
    expect(statusTagType('activist')).toBe('warning')
    expect(statusTagType('expelled')).toBe('info')
  })
})
