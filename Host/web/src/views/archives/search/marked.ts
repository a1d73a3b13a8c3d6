/**
 * The server's highlighted text (everything HTML-escaped except <mark>…</mark>) as plain segments, rendered by Vue as text
 * nodes: no v-html, so even a server bug could not inject markup. Entities are decoded here, tags other than mark do not exist.
 */
export interface MarkedSegment {
  text: string
  mark: boolean
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return safeCodePoint(parseInt(entity.slice(2), 16)) ?? whole
    if (entity.startsWith('#')) return safeCodePoint(parseInt(entity.slice(1), 10)) ?? whole
    return NAMED[entity] ?? whole
  })
}

function safeCodePoint(code: number): string | undefined {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined
}

export function parseMarked(html: string): MarkedSegment[] {
  const segments: MarkedSegment[] = []
  let mark = false
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') mark = true
    else if (part === '</mark>') mark = false
    else if (part) segments.push({ text: decodeEntities(part), mark })
  }
  return segments
}
