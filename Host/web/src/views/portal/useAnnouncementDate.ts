/** An announcement's publication date as the portal shows it: the calendar date where the reader is (YYYY-MM-DD). */
export function dateOf(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
