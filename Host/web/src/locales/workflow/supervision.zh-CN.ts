// 党务工作平台 · supervision：中文文本（键须与 supervision.en.ts 一致）。
export default {}
