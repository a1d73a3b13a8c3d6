// 统计分析：应用情况公示（各支部季度使用情况排名）。
export default {
  title: '应用情况公示',
  description: '各支部本季度系统应用情况：组织生活录入及时率、党费按时缴纳率、党员信息完整率、登录情况及综合得分排名。',
  quarter: '第{quarter}季度',
  rank: '排名',
  branch: '支部',
  meetingsHeld: '组织生活(次)',
  recordedInTime: '{days}日内录入率',
  paidOnTime: '党费按时缴纳率',
  completeness: '党员信息完整率',
  signedInAccounts: '登录账号数',
  signIns: '登录次数',
  signInRate: '登录率',
  score: '综合得分',
  fileTitle: '应用情况公示 {year}年第{quarter}季度',
  note: '综合得分 = 四项比率的平均值（等权），无可统计对象的一项按 0 计；信息完整指性别、出生日期、民族、学历、入党日期均已填写；登录率 = 本季度登录过的本支部（含党小组）账号数 ÷ 党员数，最高 100%。',
}
