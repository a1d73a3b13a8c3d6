import { useI18n } from 'vue-i18n'
import type { FormItemRule, FormRules } from 'element-plus'
import type { PartyDates, PersonBasics } from '@/api/types'
import { hasProbation, partyDatesFor, type PartyDateField } from '@/codes/partyStatus'
import { normalizeIdNumber, parseIdNumber } from '@/codes/idNumber'
import { usePersonLabels } from './labels'
import { EMPLOYEE_NUMBER_PATTERN, PHONE_PATTERN } from '@/codes/formats'

/**
 * What the person forms share (recording and editing a person, receiving a transferred member): the model of the
 * basic information and the party status with its dates, their rules, and what is sent from them.
 */

export const BASIC_FIELDS = ['name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'nativePlace', 'phone', 'employeeNumber', 'department', 'education'] as const
export const PARTY_FIELDS = ['partyStatus', 'appliedOn', 'activistOn', 'candidateOn', 'joinedOn', 'convertedOn', 'probationExtendedMonths'] as const

/** The months a probation may be extended by (none, or six to twelve). */
export const EXTENSIONS = [0, 6, 7, 8, 9, 10, 11, 12]

export const emptyPersonModel = () => ({
  name: '',
  gender: '',
  ethnicity: '',
  birthDate: '',
  idNumber: '',
  nativePlace: '',
  phone: '',
  employeeNumber: '',
  department: '',
  education: '',
  partyStatus: '',
  appliedOn: '',
  activistOn: '',
  candidateOn: '',
  joinedOn: '',
  convertedOn: '',
  probationExtendedMonths: 0,
})

export type PersonModel = ReturnType<typeof emptyPersonModel>

const blank = (value: string) => value.trim() || null

export function basicsOf(model: PersonModel): PersonBasics {
  return {
    name: model.name.trim(),
    gender: model.gender,
    ethnicity: model.ethnicity,
    birthDate: model.birthDate || null,
    idNumber: normalizeIdNumber(model.idNumber),
    nativePlace: blank(model.nativePlace),
    phone: blank(model.phone),
    employeeNumber: blank(model.employeeNumber),
    department: blank(model.department),
    education: model.education || null,
  }
}

/** The dates the chosen status asks for; the others are not sent. */
export function partyDatesOf(model: PersonModel): PartyDates {
  const asked = new Set(partyDatesFor(model.partyStatus).map((s) => s.field))
  const date = (field: PartyDateField) => (asked.has(field) && model[field]) || null
  return {
    appliedOn: date('appliedOn'),
    activistOn: date('activistOn'),
    candidateOn: date('candidateOn'),
    joinedOn: date('joinedOn'),
    convertedOn: date('convertedOn'),
    probationExtendedMonths: hasProbation(model.partyStatus) ? model.probationExtendedMonths : 0,
  }
}

/** The rules of the basic information and the party status (the server checks them all again). */
export function usePersonRules() {
  const { t } = useI18n()
  const labels = usePersonLabels()

  const input = (field: string): FormItemRule => ({
    required: true,
    whitespace: true,
    message: () => t('people.form.requiredInput', { field: labels.field(field) }),
    trigger: 'blur',
  })
  const choose = (field: string): FormItemRule => ({
    required: true,
    message: () => t('people.form.requiredSelect', { field: labels.field(field) }),
    trigger: 'change',
  })
  const max = (field: string, length: number): FormItemRule => ({
    max: length,
    message: () => t('people.form.maxLength', { field: labels.field(field), max: length }),
    trigger: 'blur',
  })

  const rules: FormRules = {
    name: [input('name'), max('name', 50)],
    gender: [choose('gender')],
    ethnicity: [choose('ethnicity')],
    birthDate: [choose('birthDate')],
    idNumber: [
      input('idNumber'),
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) =>
          !value || parseIdNumber(value) ? callback() : callback(new Error(t('people.form.idNumberInvalid'))),
      },
    ],
    phone: [{ pattern: PHONE_PATTERN, message: () => t('people.form.phoneInvalid'), trigger: 'blur' }],
    employeeNumber: [{ pattern: EMPLOYEE_NUMBER_PATTERN, message: () => t('people.form.employeeNumberInvalid'), trigger: 'blur' }],
    nativePlace: [max('nativePlace', 100)],
    department: [max('department', 100)],
    partyStatus: [choose('partyStatus')],
  }

  return { rules, choose }
}
