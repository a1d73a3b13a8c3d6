// 党务工作平台 · evaluations：中文文本（键须与 evaluations.en.ts 一致）。
export default {}
