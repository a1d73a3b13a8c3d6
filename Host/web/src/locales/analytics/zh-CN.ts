// 统计分析的界面文本，在此汇总为 analytics.*。
import annualReport from './annualReport.zh-CN'
import dashboard from './dashboard.zh-CN'
import partyWork from './partyWork.zh-CN'
import people from './people.zh-CN'
import usageBoard from './usageBoard.zh-CN'

export default {
  menu: {
    dashboard: '党委驾驶舱',
    screen: '数据大屏',
    usageBoard: '应用情况公示',
    annualReport: '党内统计年报',
  },
  annualReport,
  dashboard,
  partyWork,
  people,
  usageBoard,
}
