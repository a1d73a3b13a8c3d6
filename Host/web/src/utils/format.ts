function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** ISO timestamp → local "YYYY-MM-DD HH:mm:ss"; empty for null/invalid. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function isFuture(value: string | null | undefined, now: Date = new Date()): boolean {
  if (!value) return false
  const d = new Date(value)
  return !Number.isNaN(d.getTime()) && d.getTime() > now.getTime()
}

/** Only same-site absolute paths are accepted as post-login redirect targets. */
export function safeRedirect(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string') return fallback
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  if (value.startsWith('/login')) return fallback
  return value
}

/** "角色 · 组织" for a role granted for an organisation, the role alone for a global one. */
export function formatGrant(grant: { roleName: string; organizationName: string | null }): string {
  return grant.organizationName ? `${grant.roleName} · ${grant.organizationName}` : grant.roleName
}
