/**
 * The national code tables the Personnel module stores (copied from the server's Domain/CodeTables.cs):
 * GB/T 2261.1 sex, GB 3304 ethnic groups (56, plus 97 and 98) and GB/T 4658 education. Codes are what the API
 * sends and expects; the names are for display. Ethnic group names stay Chinese in both languages.
 */
import type { AppLocale } from '@/i18n'

export interface CodeEntry {
  code: string
  zh: string
  en: string
}

const entry = (code: string, zh: string, en: string = zh): CodeEntry => ({ code, zh, en })

/** GB/T 2261.1-2003. */
export const GENDERS: readonly CodeEntry[] = [
  entry('1', '男', 'Male'),
  entry('2', '女', 'Female'),
  entry('0', '未知的性别', 'Unknown'),
  entry('9', '未说明的性别', 'Not stated'),
]

const ETHNIC_GROUPS =
  '汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 ' +
  '佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 ' +
  '普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族'

/** GB 3304-1991: the 56 ethnic groups (01 汉族 … 56 基诺族), then 97 and 98. */
export const ETHNICITIES: readonly CodeEntry[] = [
  ...ETHNIC_GROUPS.split(' ').map((name, i) => entry(String(i + 1).padStart(2, '0'), name)),
  entry('97', '其他', 'Other'),
  entry('98', '外国血统中国籍人士', 'Chinese citizen of foreign origin'),
]

/** The ethnicity filter value that stands for every ethnic minority (not 汉族, 其他 or 外国血统). */
export const MINORITY = 'minority'

/** GB/T 4658-2006. A code ending in 0 is its group (10 研究生教育 … 90 其他). */
export const EDUCATIONS: readonly CodeEntry[] = [
  entry('10', '研究生教育', 'Postgraduate education'),
  entry('11', '博士研究生毕业', 'Doctorate, graduated'),
  entry('12', '博士研究生结业', 'Doctorate, completed'),
  entry('13', '博士研究生肄业', 'Doctorate, not completed'),
  entry('14', '硕士研究生毕业', "Master's, graduated"),
  entry('15', '硕士研究生结业', "Master's, completed"),
  entry('16', '硕士研究生肄业', "Master's, not completed"),
  entry('17', '研究生班毕业', 'Postgraduate class, graduated'),
  entry('18', '研究生班结业', 'Postgraduate class, completed'),
  entry('19', '研究生班肄业', 'Postgraduate class, not completed'),
  entry('20', '大学本科教育', "Bachelor's education"),
  entry('21', '大学本科毕业', "Bachelor's, graduated"),
  entry('22', '大学本科结业', "Bachelor's, completed"),
  entry('23', '大学本科肄业', "Bachelor's, not completed"),
  entry('28', '大学普通班毕业', 'University general class, graduated'),
  entry('30', '大学专科教育', 'Junior college education'),
  entry('31', '大学专科毕业', 'Junior college, graduated'),
  entry('32', '大学专科结业', 'Junior college, completed'),
  entry('33', '大学专科肄业', 'Junior college, not completed'),
  entry('40', '中等职业教育', 'Secondary vocational education'),
  entry('41', '中等专科毕业', 'Secondary technical school, graduated'),
  entry('42', '中等专科结业', 'Secondary technical school, completed'),
  entry('43', '中等专科肄业', 'Secondary technical school, not completed'),
  entry('44', '职业高中毕业', 'Vocational high school, graduated'),
  entry('45', '职业高中结业', 'Vocational high school, completed'),
  entry('46', '职业高中肄业', 'Vocational high school, not completed'),
  entry('47', '技工学校毕业', 'Technical school, graduated'),
  entry('48', '技工学校结业', 'Technical school, completed'),
  entry('49', '技工学校肄业', 'Technical school, not completed'),
  entry('60', '普通高级中学教育', 'Senior high school education'),
  entry('61', '普通高中毕业', 'Senior high school, graduated'),
  entry('62', '普通高中结业', 'Senior high school, completed'),
  entry('63', '普通高中肄业', 'Senior high school, not completed'),
  entry('70', '初级中学教育', 'Junior high school education'),
  entry('71', '初中毕业', 'Junior high school, graduated'),
  entry('73', '初中肄业', 'Junior high school, not completed'),
  entry('80', '小学教育', 'Primary education'),
  entry('81', '小学毕业', 'Primary school, graduated'),
  entry('83', '小学肄业', 'Primary school, not completed'),
  entry('90', '其他', 'Other'),
]

export interface EducationGroup {
  /** the one-digit filter value of the people list (education=1 matches 10–19) */
  group: string
  /** the group's own entry (10 研究生教育 …) */
  entry: CodeEntry
  /** the codes of the group, the group's own code first only for 90 其他 (which has no others) */
  options: CodeEntry[]
}

/** Education codes grouped by their tens, for grouped selects and the group filter. */
export const EDUCATION_GROUPS: readonly EducationGroup[] = EDUCATIONS.filter((e) => e.code.endsWith('0')).map((g) => {
  const members = EDUCATIONS.filter((e) => e.code[0] === g.code[0] && e !== g)
  return { group: g.code[0], entry: g, options: members.length ? members : [g] }
})

/** An entry's name in the UI language. */
export const entryName = (entry: CodeEntry, locale: AppLocale | string) => (locale === 'en' ? entry.en : entry.zh)

/** The name of a code in the UI language; the code itself when the table does not know it, '' for none. */
export function codeName(table: readonly CodeEntry[], code: string | null | undefined, locale: AppLocale | string): string {
  if (!code) return ''
  const found = table.find((e) => e.code === code)
  return found ? entryName(found, locale) : code
}
