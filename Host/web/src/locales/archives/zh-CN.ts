// 史料库的界面文本：每个部分一个文件（documents.zh-CN.ts …），在此汇总为 archives.*。
import documents from './documents.zh-CN'
import search from './search.zh-CN'
import volumes from './volumes.zh-CN'

export default {
  menu: {
    search: '全文检索',
  },
  documents,
  search,
  volumes,
}
