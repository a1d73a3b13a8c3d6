import { useI18n } from 'vue-i18n'
import type { FormItemRule } from 'element-plus'

/** Labels (relation.fields.<field>) and the "required" rules the relation dialogs share. */
export function useRelationRules() {
  const { t } = useI18n()
  const label = (field: string) => t(`relation.fields.${field}`)
  const input = (field: string): FormItemRule => ({
    required: true,
    whitespace: true,
    message: () => t('people.form.requiredInput', { field: label(field) }),
    trigger: 'blur',
  })
  const choose = (field: string): FormItemRule => ({
    required: true,
    message: () => t('people.form.requiredSelect', { field: label(field) }),
    trigger: 'change',
  })
  return { label, input, choose }
}
