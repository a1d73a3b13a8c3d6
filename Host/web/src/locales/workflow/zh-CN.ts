// 党务工作平台的界面文本：每条工作线一个文件（meetings.zh-CN.ts …），在此汇总为 workflow.*。
import meetings from './meetings.zh-CN'
import recruitment from './recruitment.zh-CN'
import dues from './dues.zh-CN'
import plans from './plans.zh-CN'
import study from './study.zh-CN'
import evaluations from './evaluations.zh-CN'
import supervision from './supervision.zh-CN'

export default {
  menu: {
    todos: '我的待办',
    meetings: '组织生活',
    compliance: '合规看板',
    recruitment: '发展党员',
    dues: '党费管理',
    plans: '年度计划',
    study: '学习教育',
    evaluations: '述职评议',
    ballots: '我的投票',
    supervision: '季度督导',
    ruleSets: '党务规则',
  },
  rules: {
    description: '组织生活频次、发展党员各步期限、党费比例与补缴期限、季度督导阈值等数值规则。新版本自生效日期起适用，已有版本不可修改。',
    add: '新增版本',
    added: '已新增规则集版本“{name}”',
    name: '名称',
    source: '依据',
    effectiveFrom: '生效日期',
    inForce: '现行',
    upTo: '上限（元，含）',
    noLimit: '不设上限',
    percent: '比例（%）',
    meetingType: '组织生活',
    per: '周期',
    count: '至少次数',
    periods: { month: '月', quarter: '季度', year: '年' },
  },
  todos: {
    title: '我的待办',
    description: '有权办理的组织中需要处理的全部提醒：发展党员步骤、党费欠缴、组织生活、整改期限、换届、预备期等，办理后自动关闭。',
    all: '全部',
    organization: '组织',
    dueOn: '到期日',
    overdue: '已逾期',
    openedAt: '提醒时间',
    handle: '去办理',
    empty: '暂无待办，工作都已办结',
  },
  meetings, recruitment, dues, plans, study, evaluations, supervision,
}
