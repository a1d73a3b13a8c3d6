import type zh from './dues.zh-CN'

// Workflow · dues: English texts (same keys as dues.zh-CN.ts).
const en: typeof zh = {}
export default en
