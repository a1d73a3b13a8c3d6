import type { PersonnelRules } from '@/api/types'

/**
 * The numbers of a rule set with their plausible ranges (copied from Domain/PersonnelRules.cs, which refuses a value
 * outside them), grouped as the rule-set page shows them. Labels are messages under ruleSets.fields.<name>.
 */
export interface RuleField {
  name: keyof PersonnelRules
  min: number
  max: number
}

const field = (name: keyof PersonnelRules, min: number, max: number): RuleField => ({ name, min, max })

export const RULE_GROUPS: readonly { key: string; fields: readonly RuleField[] }[] = [
  {
    key: 'development',
    fields: [
      field('minApplicationAge', 14, 30),
      field('probationMonths', 6, 24),
      field('probationExtensionMinMonths', 1, 24),
      field('probationExtensionMaxMonths', 1, 24),
      field('probationReminderDays', 1, 180),
    ],
  },
  {
    key: 'league',
    fields: [field('leagueMaxAge', 18, 40), field('leagueReminderMonths', 1, 24), field('youngEmployeeMaxAge', 25, 45)],
  },
  {
    key: 'terms',
    fields: [field('committeeTermYears', 1, 10), field('branchTermYears', 1, 10), field('termReminderMonths', 1, 24), field('electionQuorumPercent', 50, 99)],
  },
  {
    key: 'structure',
    fields: [field('branchMaxMembers', 3, 500), field('committeeThresholdMembers', 3, 100), field('branchMinFullMembers', 1, 50)],
  },
]

export const RULE_FIELDS: readonly RuleField[] = RULE_GROUPS.flatMap((g) => g.fields)
