// 史料库的界面文本：每个功能区一个文件，在此汇总为 archives.*。
import volumes from './volumes.zh-CN'

export default { volumes }
