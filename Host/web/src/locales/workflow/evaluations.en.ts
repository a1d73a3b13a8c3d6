import type zh from './evaluations.zh-CN'

// Workflow · evaluations: English texts (same keys as evaluations.zh-CN.ts).
const en: typeof zh = {}
export default en
