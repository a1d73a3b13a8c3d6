import type zh from './supervision.zh-CN'

// Workflow · supervision: English texts (same keys as supervision.zh-CN.ts).
const en: typeof zh = {}
export default en
