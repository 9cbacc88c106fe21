import { describe, expect, it } from 'vitest';
import { escapeMarkup } from './escape.js';

describe('escapeMarkup', () => {
  it('turns a script tag in a place name into inert text', () => {
    expect(escapeMarkup('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes both quote kinds so a value cannot leave its attribute', () => {
    expect(escapeMarkup(`O'Neil "Town" & Co`)).toBe('O&#39;Neil &quot;Town&quot; &amp; Co');
  });

  it('escapes an ampersand once, not the entities it produces', () => {
    expect(escapeMarkup('&lt;')).toBe('&amp;lt;');
  });

  it('replaces control characters and lone surrogates that markup cannot carry', () => {
    expect(escapeMarkup('a\u0000b\u001Fc\uD800d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
  });

  it('keeps Cyrillic, tabs, newlines and astral characters as they are', () => {
    expect(escapeMarkup("Куп'янськ\t\n😀")).toBe('Куп&#39;янськ\t\n😀');
  });
});
