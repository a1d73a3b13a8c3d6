import type zh from './plans.zh-CN'

// Workflow · plans: English texts (same keys as plans.zh-CN.ts).
const en: typeof zh = {}
export default en
