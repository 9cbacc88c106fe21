/**
 * The little XML writing the alert formats need (CAP 1.2, Atom): escaping, and removing what
 * XML 1.0 cannot carry at all. No parser, no DOM: the documents are small and their shape is
 * fixed by the code that writes them.
 */

/**
 * Characters XML 1.0 forbids (§2.2 Char): C0 controls other than tab, LF and CR; lone UTF-16
 * surrogates; U+FFFE and U+FFFF. They cannot be escaped either, so they become U+FFFD.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for element content and attribute values (both quote kinds escaped). */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>text</name>`, escaped. */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** Indents each line of a block of elements. */
export function indent(lines: readonly string[], by = '  '): string[] {
  return lines.map((l) => by + l);
}
