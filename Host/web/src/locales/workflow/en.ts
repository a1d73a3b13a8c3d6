import type zh from './zh-CN'
import meetings from './meetings.en'
import recruitment from './recruitment.en'
import dues from './dues.en'
import plans from './plans.en'
import study from './study.en'
import evaluations from './evaluations.en'
import supervision from './supervision.en'

// Workflow (party affairs) texts: one file per line of work (meetings.en.ts …), gathered here as workflow.*.
const en: typeof zh = {
  menu: {
    todos: 'My to-dos',
    meetings: 'Organisational life',
    compliance: 'Compliance board',
    recruitment: 'Recruitment',
    dues: 'Party dues',
    plans: 'Annual plans',
    study: 'Study',
    evaluations: 'Reports and reviews',
    ballots: 'My ballots',
    supervision: 'Quarterly supervision',
    ruleSets: 'Party-affairs rules',
  },
  rules: {
    description: 'Meeting frequencies, recruitment deadlines, dues rates and back-pay limits, supervision thresholds. A new version applies from its date; versions are never edited.',
    add: 'New version',
    added: 'Rule-set version "{name}" added',
    name: 'Name',
    source: 'Source',
    effectiveFrom: 'Effective from',
    inForce: 'In force',
    upTo: 'Up to (yuan, inclusive)',
    noLimit: 'no upper limit',
    percent: 'Rate (%)',
    meetingType: 'Meeting',
    per: 'Per',
    count: 'At least',
    periods: { month: 'month', quarter: 'quarter', year: 'year' },
  },
  todos: {
    title: 'My to-dos',
    description: 'Everything to act on in the organisations you may write to: recruitment steps, dues arrears, organisational life, rectification deadlines, terms, probation. Each closes itself once resolved.',
    all: 'All',
    organization: 'Organisation',
    dueOn: 'Due',
    overdue: 'Overdue',
    openedAt: 'Raised',
    handle: 'Resolve',
    empty: 'Nothing to do: all work is done',
  },
  meetings, recruitment, dues, plans, study, evaluations, supervision,
}
export default en
