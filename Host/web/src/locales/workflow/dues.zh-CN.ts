// 党务工作平台 · dues：中文文本（键须与 dues.en.ts 一致）。
export default {}
