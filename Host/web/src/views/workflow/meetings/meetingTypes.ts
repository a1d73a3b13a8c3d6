import { MEETING_TYPES } from '@/api/workflow/meetings'

/** Each type's colour in the calendar and lists (Element Plus tag types, then a hex for the calendar's dots). */
export const MEETING_COLORS: Record<string, string> = {
  general_meeting: '#c0392b',
  committee_meeting: '#d35400',
  group_meeting: '#2e86de',
  party_lecture: '#8e44ad',
  theme_day: '#16a085',
  life_meeting: '#b7950b',
  democratic_review: '#5d6d7e',
  heart_to_heart_talk: '#1abc9c',
}

export { MEETING_TYPES }

/** 'HH:mm' of an ISO date-time, in the browser's time zone. */
export function timeOf(iso: string): string {
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

/** YYYY-MM-DD of a Date, in the browser's time zone. */
export function dateOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** An ISO date-time with the browser's own offset (the server keeps the date the meeting was held where it was held). */
export function localIso(date: string, time: string): string {
  const d = new Date(`${date}T${time}:00`)
  const offset = -d.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
