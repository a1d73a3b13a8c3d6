// 党务工作平台 · study：中文文本（键须与 study.en.ts 一致）。
export default {}
