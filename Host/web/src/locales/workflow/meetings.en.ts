import type zh from './meetings.zh-CN'

// Workflow · meetings: English texts (same keys as meetings.zh-CN.ts).
const en: typeof zh = {}
export default en
