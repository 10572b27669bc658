const ENTITY_RE = /&(?:quot|apos|amp|lt|gt|nbsp|#39|#x27|#34|#x22);/g;
const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': ' ',
  '&#39;': "'",
  '&#x27;': "'",
  '&#34;': '"',
  '&#x22;': '"',
};

/**
 * Whether a line holds one of the HTML entities a page's source writes for quotes, brackets and
 * spaces (a log copied from a notebook's HTML export, a scraped page).
 */
export function hasHtmlEntity(line: string): boolean {
  if (line.indexOf('&') < 0) return false;
  ENTITY_RE.lastIndex = 0;
  return ENTITY_RE.test(line);
}

/**
 * The line with those entities decoded (`{&#39;loss&#39;: 1.5}` is `{'loss': 1.5}`). Other `&`
 * text is kept as it is.
 *
 * @example
 * ```ts
 * decodeHtmlEntities('{&quot;loss&quot;: 1.5}'); // '{"loss": 1.5}'
 * ```
 */
export function decodeHtmlEntities(line: string): string {
  return line.replace(ENTITY_RE, (entity) => ENTITIES[entity] ?? entity);
}
