/**
 * The organisation tree's search: an organisation matches when its name or code contains the words typed, any
 * case, blanks around them ignored. (el-tree keeps the ancestors of a match visible by itself.)
 */
export function orgMatches(query: string, org: { name?: string | null; code?: string | null }): boolean {
  const needle = query.trim().toLowerCase()
  if (!needle) return true
  return [org.name, org.code].some((text) => (text ?? '').toLowerCase().includes(needle))
}
