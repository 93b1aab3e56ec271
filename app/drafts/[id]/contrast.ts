// Text on a user's colour (avatars): black or white, whichever contrasts more (WCAG 2.1 relative
// luminance), so initials stay readable whatever colour the presence entry carries.
function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const channel = (i: number) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

export function textColorOn(background: string): "#000" | "#fff" {
  const l = luminance(background);
  if (l === null) return "#fff";
  const onWhite = 1.05 / (l + 0.05); // contrast of white text
  const onBlack = (l + 0.05) / 0.05; // contrast of black text
  return onBlack > onWhite ? "#000" : "#fff";
}
