// Analytics: the compliance heat map and the dues collection rate (from Workflow's events).
export default {
  heatMap: {
    title: 'Compliance heat map',
    hint: 'Branches × months, judged as on the compliance board: quarterly and yearly quotas are judged in the period\'s last month. Click a cell for its quotas and meetings.',
    period: 'Period',
    heldRequired: 'Held / required',
    status: 'Judgement',
    meetings: 'Meetings counted ({count})',
    heldOn: 'Held on',
    attendance: 'Present / expected',
  },
  dues: {
    title: 'Dues collection rate',
    due: 'Due (¥)',
    paid: 'Paid (¥)',
    rate: 'Rate',
    yearRate: 'Year: {rate}',
    membersDue: 'Members owing',
    membersPaid: 'Members paid up',
    month: 'Month',
    monthOrBranch: 'Month / branch',
    lowestBranches: 'Branches with the lowest rate',
    branchMonths: 'Branch-months',
    monthTitle: 'Dues by branch, {month}/{year}',
    yearTitle: 'Dues by branch and month, {year}',
  },
}
