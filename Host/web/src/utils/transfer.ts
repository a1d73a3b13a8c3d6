import type { TransferProgress } from '@/api/http'

/** Whole percent of a transfer (0–100), or null when its size is unknown (show bytes and an indeterminate bar). */
export function progressPercent(progress: TransferProgress | null | undefined): number | null {
  if (!progress || progress.total === null || progress.total <= 0) return null
  return Math.min(100, Math.max(0, Math.floor((progress.loaded / progress.total) * 100)))
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const

/** A byte count for people: 512 B, 1.5 KB, 23.4 MB (binary units, one decimal from KB on). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`
}

/** Saves a downloaded file under its name through a temporary link (the browser's own download, offline-safe). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  // the click only starts the download: the URL must outlive it
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
