/**
 * Escaping for the report's HTML and SVG. Every string that comes from data (place names, party
 * replies, finding texts, sector names) passes through here before it reaches markup; the
 * renderers never concatenate raw data into a tag or an attribute.
 */

/**
 * Characters that neither HTML nor XML 1.0 can carry (C0 controls other than tab, LF and CR;
 * lone UTF-16 surrogates; U+FFFE, U+FFFF). They cannot be escaped, so they become U+FFFD.
 */
const UNREPRESENTABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe for element content and for attribute values in either quote style, in HTML
 * and in SVG/XML alike (`&#39;` rather than `&apos;`, which HTML 4 lacks).
 */
export function escapeMarkup(text: string): string {
  return text.replace(UNREPRESENTABLE, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
