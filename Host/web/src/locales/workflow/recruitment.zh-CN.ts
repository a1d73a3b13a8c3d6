// 党务工作平台 · recruitment：中文文本（键须与 recruitment.en.ts 一致）。
export default {}
