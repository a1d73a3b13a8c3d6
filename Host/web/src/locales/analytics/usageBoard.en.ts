// Analytics: the usage board (branches ranked by how they use the system in a quarter).
export default {
  title: 'Usage board',
  description: "Each branch's use of the system this quarter: meetings recorded in time, dues paid on time, complete member records, sign-ins, and a ranked score.",
  quarter: 'Q{quarter}',
  rank: 'Rank',
  branch: 'Branch',
  meetingsHeld: 'Meetings held',
  recordedInTime: 'Recorded within {days} days',
  paidOnTime: 'Dues paid on time',
  completeness: 'Complete member records',
  signedInAccounts: 'Accounts signed in',
  signIns: 'Sign-ins',
  signInRate: 'Sign-in rate',
  score: 'Score',
  fileTitle: 'Usage board {year} Q{quarter}',
  note: "Score = the mean of the four rates (equal weights); a rate with nothing to count counts as 0. A complete record has gender, birth date, ethnicity, education and joining date. Sign-in rate = the branch's (and its party groups') accounts that signed in this quarter ÷ its members, at most 100 %.",
}
