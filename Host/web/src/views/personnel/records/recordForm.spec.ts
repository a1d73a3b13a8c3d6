import { describe, expect, it } from 'vitest'
import type { InformationSetCatalog, InformationSetDefinition, PersonRecord, SetFieldDefinition } from '@/api/types'
import zhCN from '@/locales/zh-CN'
import {
  changedSensitive,
  codeLabel,
  currentEntry,
  datesOf,
  displayValue,
  emptyModel,
  formFields,
  isMaskedValue,
  modelFromRecord,
  periodToSend,
  requiredInForm,
  valuesToSend,
} from './recordForm'

const f = (name: string, kind: SetFieldDefinition['kind'], extra: Partial<SetFieldDefinition> = {}): SetFieldDefinition => ({
  name,
  kind,
  required: false,
  maxLength: 100,
  codes: null,
  sensitive: false,
  ...extra,
})

// As GET /api/personnel/information-sets describes them (Domain/InformationSets.cs).
const family: InformationSetDefinition = {
  kind: 'family',
  hasPeriod: false,
  fromRequired: false,
  singleCurrent: false,
  fields: [
    f('relation', 'code', { required: true, codes: 'family_relation', maxLength: 16 }),
    f('name', 'text', { required: true, maxLength: 50, sensitive: true }),
    f('birthYear', 'year'),
    f('politicalStatus', 'code', { codes: 'political_status', maxLength: 16 }),
    f('workUnit', 'text', { maxLength: 200, sensitive: true }),
  ],
}
const post: InformationSetDefinition = {
  kind: 'post',
  hasPeriod: true,
  fromRequired: true,
  singleCurrent: false,
  fields: [f('post', 'text', { required: true }), f('title', 'text')],
}
const reward: InformationSetDefinition = { kind: 'reward', hasPeriod: false, fromRequired: true, singleCurrent: false, fields: [f('name', 'text')] }
const massOrg: InformationSetDefinition = {
  kind: 'mass_org',
  hasPeriod: true,
  fromRequired: true,
  singleCurrent: false,
  fields: [f('organization', 'organization', { required: true }), f('post', 'text', { maxLength: 50 })],
}

const catalog: Pick<InformationSetCatalog, 'codes'> = {
  codes: {
    family_relation: [
      { value: '10', label: '配偶' },
      { value: '51', label: '父亲' },
    ],
    political_status: [{ value: '13', label: '群众' }],
  },
}

const record = (values: Record<string, string>, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  id: 'r1',
  set: 'family',
  validFrom: null,
  validTo: null,
  values,
  organizationName: null,
  masked: false,
  updatedAt: '2025-01-01T00:00:00Z',
  version: 2,
  ...extra,
})

describe('the information-set form model (from the definition)', () => {
  it('has the period and one blank per field: text empty, a year null', () => {
    expect(emptyModel(family)).toEqual({ validFrom: '', validTo: '', relation: '', name: '', birthYear: null, politicalStatus: '', workUnit: '' })
    expect(formFields(family)).toEqual(['validFrom', 'validTo', 'relation', 'name', 'birthYear', 'politicalStatus', 'workUnit'])
  })

  it('asks for a period, a single date or none, as the set has', () => {
    expect(datesOf(post)).toEqual({ from: true, to: true })
    expect(datesOf(reward)).toEqual({ from: true, to: false })
    expect(datesOf(family)).toEqual({ from: false, to: false })
  })

  it('fills an entry in, a stored year as a number', () => {
    const model = modelFromRecord(family, record({ relation: '10', name: '王秀英', birthYear: '1989', workUnit: '北京市第一医院' }))
    expect(model).toMatchObject({ relation: '10', name: '王秀英', birthYear: 1989, workUnit: '北京市第一医院', politicalStatus: '' })
  })

  it('never puts a masked value in the form: the sensitive fields of a masked entry start empty', () => {
    const model = modelFromRecord(family, record({ relation: '10', name: '王**', workUnit: '******' }, { masked: true }))
    expect(model.name).toBe('')
    expect(model.workUnit).toBe('')
    expect(model.relation).toBe('10')
  })

  it('does not insist on a required sensitive field kept as stored', () => {
    const name = family.fields[1]
    expect(requiredInForm(name, false)).toBe(true)
    expect(requiredInForm(name, true)).toBe(false)
    expect(requiredInForm(family.fields[0], true)).toBe(true)
  })
})

describe('what the information-set form sends', () => {
  it('sends trimmed text, a year as a number, and leaves blanks out', () => {
    const model = { ...emptyModel(family), relation: '10', name: ' 王秀英 ', birthYear: 1989, workUnit: '  ' }
    expect(valuesToSend(family, model)).toEqual({ relation: '10', name: '王秀英', birthYear: 1989 })
  })

  it('sends the dates the set has, null for the others', () => {
    expect(periodToSend(post, { ...emptyModel(post), validFrom: '2020-01-01', validTo: '' })).toEqual({ validFrom: '2020-01-01', validTo: null })
    expect(periodToSend(reward, { ...emptyModel(reward), validFrom: '2020-01-01', validTo: '2021-01-01' })).toEqual({ validFrom: '2020-01-01', validTo: null })
    expect(periodToSend(family, { ...emptyModel(family), validFrom: '2020-01-01' })).toEqual({ validFrom: null, validTo: null })
  })

  it('on an update of a masked entry sends only the sensitive fields the user typed', () => {
    const initial = modelFromRecord(family, record({ relation: '10', name: '王**', workUnit: '******' }, { masked: true }))
    const untouched = { ...initial, birthYear: 1990 }
    expect(valuesToSend(family, untouched, initial)).toEqual({ relation: '10', birthYear: 1990 })
    expect(changedSensitive(family, untouched, initial)).toEqual([])

    const typed = { ...initial, workUnit: '北京市第二医院' }
    expect(valuesToSend(family, typed, initial)).toEqual({ relation: '10', workUnit: '北京市第二医院' })
    expect(changedSensitive(family, typed, initial)).toEqual(['workUnit'])
  })

  it('on an update of an unmasked entry sends a changed sensitive value, and a cleared one as empty (which clears it)', () => {
    const initial = modelFromRecord(family, record({ relation: '10', name: '王秀英', workUnit: '北京市第一医院' }))
    expect(valuesToSend(family, { ...initial }, initial)).toEqual({ relation: '10' })
    expect(valuesToSend(family, { ...initial, name: '王秀瑛' }, initial)).toEqual({ relation: '10', name: '王秀瑛' })
    expect(valuesToSend(family, { ...initial, workUnit: '' }, initial)).toEqual({ relation: '10', workUnit: '' })
    expect(changedSensitive(family, { ...initial, name: ' 王秀英 ' }, initial)).toEqual([])
  })
})

describe('how stored values read', () => {
  it("shows a code's label, and the code itself when the table does not know it", () => {
    expect(codeLabel(catalog.codes, 'family_relation', '51')).toBe('父亲')
    expect(codeLabel(catalog.codes, 'family_relation', '77')).toBe('77')
    expect(codeLabel(catalog.codes, 'no_such_table', '10')).toBe('10')
    expect(codeLabel(catalog.codes, 'family_relation', null)).toBe('')
  })

  it("shows a mass organisation's name for its id, and marks masked values", () => {
    const entry = record({ organization: 'o-union', post: '委员' }, { set: 'mass_org', organizationName: '研究院工会' })
    expect(displayValue(catalog, massOrg.fields[0], entry)).toBe('研究院工会')
    expect(displayValue(catalog, massOrg.fields[1], entry)).toBe('委员')
    const masked = record({ relation: '10', name: '王**' }, { masked: true })
    expect(displayValue(catalog, family.fields[0], masked)).toBe('配偶')
    expect(isMaskedValue(family.fields[1], masked)).toBe(true)
    expect(isMaskedValue(family.fields[0], masked)).toBe(false)
    expect(isMaskedValue(family.fields[4], masked)).toBe(false)
  })

  it('takes the open entry of a single-entry set as the current one', () => {
    const ended = record({}, { id: 'old', validTo: '2020-01-01' })
    const open = record({}, { id: 'now' })
    expect(currentEntry([ended, open])?.id).toBe('now')
    expect(currentEntry([ended])?.id).toBe('old')
    expect(currentEntry([])).toBeNull()
  })

  it('has a label for every field of every set the server defines', () => {
    const sets: Record<string, string[]> = {
      education: ['education', 'degree', 'school', 'major', 'studyMode'],
      post: ['post', 'title', 'titleLevel', 'department', 'occupation'],
      family: ['relation', 'name', 'birthYear', 'politicalStatus', 'workUnit'],
      reward: ['kind', 'name', 'level', 'conferredBy', 'documentNumber'],
      abroad: ['destination', 'purpose', 'approvalNumber'],
      care: ['category', 'request', 'response', 'status'],
      traits: ['specialty', 'skills', 'hobbies', 'health', 'children'],
      mass_org: ['organization', 'post'],
      united_front: ['category', 'democraticParty', 'notes'],
    }
    const labels = zhCN.records.fields as Record<string, Record<string, string>>
    for (const [kind, fields] of Object.entries(sets)) {
      expect(zhCN.records.sets[kind as keyof typeof zhCN.records.sets], kind).toBeTruthy()
      for (const field of fields) expect(labels[kind]?.[field], `${kind}.${field}`).toBeTruthy()
    }
  })
})
