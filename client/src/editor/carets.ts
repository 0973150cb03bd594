const HEX_COLOR = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

function luminance(hex: string): number {
  const match = HEX_COLOR.exec(hex);
  if (!match) return 0;
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black, whichever reads better (WCAG contrast) on a user's colour. */
export function textColorOn(background: string): string {
  const contrastWithWhite = 1.05 / (luminance(background) + 0.05);
  return contrastWithWhite >= 4.5 ? '#ffffff' : '#111827';
}

/**
 * A remote caret: a coloured bar with the person's name above it. Same classes as
 * Tiptap's default, plus a label colour that stays legible on light user colours. The
 * name fades after a moment (sections.css) and shows again with the next caret drawn.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && HEX_COLOR.test(user.color) ? user.color : '#545d68';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  // Decoration, not content: screen readers should not read names in the middle of the text.
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.style.color = textColorOn(color);
  label.textContent = typeof user.name === 'string' && user.name.trim() ? user.name : 'Someone';
  caret.append(label);
  return caret;
}
