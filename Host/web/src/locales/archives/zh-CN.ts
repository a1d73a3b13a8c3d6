// 史料库的界面文本：每个部分一个文件（search.zh-CN.ts …），在此汇总为 archives.*。
import search from './search.zh-CN'

export default {
  menu: {
    search: '全文检索',
  },
  search,
}
