import type zh from './recruitment.zh-CN'

// Workflow · recruitment: English texts (same keys as recruitment.zh-CN.ts).
const en: typeof zh = {}
export default en
