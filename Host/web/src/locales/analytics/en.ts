// Analytics' UI texts, gathered here as analytics.*.
import annualReport from './annualReport.en'
import dashboard from './dashboard.en'
import partyWork from './partyWork.en'
import people from './people.en'
import usageBoard from './usageBoard.en'

export default {
  menu: {
    dashboard: 'Committee dashboard',
    screen: 'Data screen',
    usageBoard: 'Usage board',
    annualReport: 'Annual statistics report',
  },
  annualReport,
  dashboard,
  partyWork,
  people,
  usageBoard,
}
