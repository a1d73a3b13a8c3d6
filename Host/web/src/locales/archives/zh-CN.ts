// 史料库的界面文本：每个部分一个文件（documents.zh-CN.ts …），在此汇总为 archives.*。
import documents from './documents.zh-CN'
import volumes from './volumes.zh-CN'

export default {
  documents,
  volumes,
}
