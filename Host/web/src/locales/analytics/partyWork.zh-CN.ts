// 统计分析：组织生活合规热力图、党费收缴率（来自党务工作平台的事件）。
export default {
  heatMap: {
    title: '组织生活合规热力图',
    hint: '各支部 × 各月，判定与合规看板一致：季度、年度要求在该期最后一个月判定。点击格子查看定额与会议。',
    period: '考核期',
    heldRequired: '已开 / 应开',
    status: '判定',
    meetings: '计入的会议（{count}）',
    heldOn: '召开日期',
    attendance: '到会 / 应到',
  },
  dues: {
    title: '党费收缴率',
    due: '应缴（元）',
    paid: '实缴（元）',
    rate: '收缴率',
    yearRate: '全年收缴率 {rate}',
    membersDue: '应缴人数',
    membersPaid: '已缴清人数',
    month: '月份',
    monthOrBranch: '月份 / 支部',
    lowestBranches: '收缴率最低的支部',
    branchMonths: '各支部月度明细',
    monthTitle: '{year}年{month}月 各支部党费',
    yearTitle: '{year}年 各支部月度党费',
  },
}
