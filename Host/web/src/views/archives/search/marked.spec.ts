import { describe, expect, it } from 'vitest'
import { decodeEntities, parseMarked } from './marked'

describe('marked search text', () => {
  it('splits marked hits from the text around them', () => {
    expect(parseMarked('关于<mark>张建国</mark>同志')).toEqual([
      { text: '关于', mark: false },
      { text: '张建国', mark: true },
      { text: '同志', mark: false },
    ])
  })

  it('decodes the escaped text into plain text (rendered as text, never as markup)', () => {
    expect(parseMarked('&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>&#8220;三会一课&#8221;</mark>')).toEqual([
      { text: '<script>alert(1)</script> & ', mark: false },
      { text: '“三会一课”', mark: true },
    ])
  })

  it('leaves unknown or invalid entities as they are', () => {
    expect(decodeEntities('&foo; &#0; &#x110000; &#39;')).toBe("&foo; &#0; &#x110000; '")
  })
})
