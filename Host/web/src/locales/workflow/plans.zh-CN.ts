// 党务工作平台 · plans：中文文本（键须与 plans.en.ts 一致）。
export default {}
