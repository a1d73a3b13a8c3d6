// 党务工作平台 · meetings：中文文本（键须与 meetings.en.ts 一致）。
export default {}
