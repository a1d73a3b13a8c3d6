import type zh from './study.zh-CN'

// Workflow · study: English texts (same keys as study.zh-CN.ts).
const en: typeof zh = {
  description: "The committee's and branches' study sessions (big and small classes, quarterly centralised study) with participants, members' yearly study hours and the year's achievements.",
  year: 'Year',
  organization: 'Organisation',
  tabs: { sessions: 'Study sessions', hours: 'Study hours', showcase: 'Achievements' },
  session: {
    record: 'Record a session',
    sessionDate: 'Date',
    sessionTopic: 'Topic',
    sessionHours: 'Hours',
    sessionKind: 'Form',
    participants: 'Participants',
    participantsHint: 'Every member by default: untick those who were absent',
    participantCount: 'Participants',
    kinds: { centralised: 'Quarterly centralised study', big_class: 'Big class', small_class: 'Small class' },
    recorded: 'Recorded: {count} member(s) earn the hours',
  },
  hours: {
    minimum: 'Yearly minimum: {hours} hours (local practice, see the rule set)',
    belowOnly: 'Below the minimum only',
    person: 'Member',
    branch: 'Branch',
    sessions: 'Sessions',
    hours: 'Hours',
    below: 'Below minimum',
    members: 'Members',
    totalHours: 'Total hours',
    belowCount: 'Below minimum',
    chart: 'Total hours per branch',
  },
  showcase: {
    record: 'Record an achievement',
    title: 'Title',
    summary: 'Summary',
    person: "Member (empty: the branch's achievement)",
    featured: 'Showcase',
    featuredOnly: 'Showcase only',
    recorded: 'Achievement recorded',
    empty: 'No achievements yet',
  },
}
export default en
