import { useI18n } from 'vue-i18n'
import { codeName, EDUCATIONS, ETHNICITIES, GENDERS } from '@/codes/tables'

/** Display names of a person's codes and fields in the UI language (a code without a name shows as itself). */
export function usePersonLabels() {
  const { t, te, locale } = useI18n()
  const lookup = (prefix: string, key: string | null | undefined) => {
    if (!key) return ''
    return te(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key
  }
  return {
    gender: (code: string | null | undefined) => codeName(GENDERS, code, locale.value),
    ethnicity: (code: string | null | undefined) => codeName(ETHNICITIES, code, locale.value),
    education: (code: string | null | undefined) => codeName(EDUCATIONS, code, locale.value),
    /** 入党申请人 … for a party status code */
    status: (code: string | null | undefined) => lookup('people.statuses', code),
    /** the label of a person field (name, idNumber, joinedOn …) */
    field: (name: string) => lookup('people.fields', name),
    /** 登记, 修改基本信息 … for a timeline change code (the information-set imports name theirs) */
    changeKind: (code: string) => (te(`people.changeKinds.${code}`) ? t(`people.changeKinds.${code}`) : lookup('recordsImport.changeKinds', code)),
  }
}

/** Today in the browser's time zone, YYYY-MM-DD (what the date pickers use). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** For el-date-picker's disabled-date: no date after today. */
export const isAfterToday = (date: Date) => date.getTime() > Date.now()
