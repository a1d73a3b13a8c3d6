/**
 * Reminders (GET reminders) and structure warnings (GET structure-warnings) as the home page shows them. Names are
 * messages under alerts.reminderKinds.<kind> and alerts.warningKinds.<code>; an unknown code shows as itself.
 */

export const REMINDER_KINDS = ['probation_due', 'league_age'] as const

export const WARNING_KINDS = [
  'over_member_limit',
  'committee_missing',
  'too_few_full_members',
  'term_missing',
  'term_expiring',
  'term_expired',
] as const

type Translate = { t: (key: string) => string; te: (key: string) => boolean }

/** The message of a code under a prefix, or the code itself when there is none (a kind added on the server since). */
function named({ t, te }: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`
  return te(key) ? t(key) : code
}

export const warningLabel = (i18n: Translate, code: string) => named(i18n, 'alerts.warningKinds', code)
export const reminderLabel = (i18n: Translate, kind: string) => named(i18n, 'alerts.reminderKinds', kind)

/** Red for what is already wrong (too many members, a term over), amber for what is due or missing. */
export function warningTagType(code: string): 'danger' | 'warning' {
  return code === 'over_member_limit' || code === 'term_expired' || code === 'too_few_full_members' ? 'danger' : 'warning'
}

/** A due date (YYYY-MM-DD) before today: overdue. */
export const isOverdue = (dueOn: string, today: string) => dueOn < today
