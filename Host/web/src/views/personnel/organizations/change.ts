import { nextTick, reactive, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FormRules } from 'element-plus'
import type { OrganizationChange } from '@/api/types'
import { todayIso } from '../labels'

/**
 * What the dialogs of a change to an existing organisation (rename, move, merge, dissolve) share: every change
 * takes effect on a date (today unless the user says otherwise, never in the future) for a reason, and applies
 * to the version the page read.
 */

/** The fields of every change the server may name in a 400 problem (a missing version is shown above them). */
export const CHANGE_FIELDS = ['effectiveOn', 'reason'] as const

export interface ChangeModel {
  effectiveOn: string
  reason: string
}

/**
 * The form's model: the change's own values from `fill` plus the date and reason, filled afresh whenever the
 * dialog opens. `dialog` is the FormDialog: the checks that filling stirred up are forgotten.
 */
export function useChangeForm<T extends object>(
  open: Ref<boolean>,
  dialog: Readonly<Ref<{ reset: () => void } | null | undefined>>,
  fill: () => T,
): ChangeModel & T {
  const model = reactive({ effectiveOn: '', reason: '', ...fill() }) as ChangeModel & T
  // Immediate: the page may mount the dialog already open.
  watch(
    open,
    async (isOpen) => {
      if (!isOpen) return
      Object.assign(model, { effectiveOn: todayIso(), reason: '' }, fill())
      await nextTick()
      dialog.value?.reset()
    },
    { immediate: true },
  )
  return model
}

/** The rules of the date and the reason (the server's: required, reason at most 500 characters). */
export function useChangeRules(): FormRules {
  const { t } = useI18n()
  return {
    effectiveOn: [{ required: true, message: () => t('organizations.change.effectiveOnRequired'), trigger: 'change' }],
    reason: [
      { required: true, whitespace: true, message: () => t('organizations.change.reasonRequired'), trigger: 'blur' },
      { max: 500, message: () => t('organizations.change.reasonTooLong', { max: 500 }), trigger: 'blur' },
    ],
  }
}

/** The body every change sends: the date, the reason trimmed, the version read. */
export const changeOf = (model: ChangeModel, version: number): OrganizationChange => ({
  effectiveOn: model.effectiveOn,
  reason: model.reason.trim(),
  version,
})
