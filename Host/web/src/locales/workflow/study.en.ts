import type zh from './study.zh-CN'

// Workflow · study: English texts (same keys as study.zh-CN.ts).
const en: typeof zh = {}
export default en
