// Analytics' UI texts, gathered here as analytics.*.
import dashboard from './dashboard.en'
import partyWork from './partyWork.en'
import people from './people.en'

export default {
  menu: {
    dashboard: 'Committee dashboard',
    screen: 'Data screen',
  },
  dashboard,
  partyWork,
  people,
}
