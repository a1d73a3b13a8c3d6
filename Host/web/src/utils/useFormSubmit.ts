import { ref, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { isApiError } from '@/api/http'
import { errorMessage } from './notify'
import { useServerErrors } from './serverErrors'

/**
 * Sends an el-form to the server: the rules are checked first; a 400 problem's messages land under their
 * fields (`errors.<field>`), any other failure in `generalError` (`conflict` when it was a 409: someone else
 * saved first). `formRef` is the el-form (useTemplateRef).
 */
export function useFormSubmit<F extends string>(
  formRef: Readonly<Ref<FormInstance | null | undefined>>,
  fields: readonly F[],
  /** resolves false when it showed itself what went wrong (e.g. under the rows of a list): nothing more to show */
  action: () => Promise<void | boolean>,
) {
  const serverErrors = useServerErrors(fields)
  const generalError = ref('')
  const conflict = ref(false)
  const submitting = ref(false)

  /** Forgets the errors of an earlier attempt (e.g. when a dialog opens again). */
  function reset(): void {
    serverErrors.clear()
    generalError.value = ''
    conflict.value = false
    formRef.value?.clearValidate()
  }

  /** True when the form was valid and the server accepted it (the action did not resolve false). */
  async function submit(): Promise<boolean> {
    serverErrors.clear()
    generalError.value = ''
    conflict.value = false
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid) return false
    submitting.value = true
    try {
      return (await action()) !== false
    } catch (e) {
      if (!serverErrors.apply(e)) generalError.value = errorMessage(e)
      conflict.value = isApiError(e) && e.status === 409
      return false
    } finally {
      submitting.value = false
    }
  }

  return { errors: serverErrors.fields, generalError, conflict, submitting, submit, reset }
}
