// Analytics' UI texts, gathered here as analytics.*.
import dashboard from './dashboard.en'

export default {
  menu: {
    dashboard: 'Committee dashboard',
    screen: 'Data screen',
  },
  dashboard,
}
