const MAX_SVG_BYTES = 300_000;

/** Anything that could run code, load something from outside, or hide either. */
const FORBIDDEN = [
  /<script/i,
  /<foreignObject/i,
  /<image/i,
  /<(iframe|object|embed|audio|video|canvas|html|body|handler|listener)\b/i,
  /<(animate|set|animateMotion|animateTransform)\b/i,
  // Event handlers, however they are separated from the tag.
  /[\s/"']on[a-z]+\s*=/i,
  // Links may only point inside the drawing.
  /(?:xlink:)?href\s*=\s*["'](?!#)/i,
  /url\(\s*["']?(?!#)/i,
  /@import/i,
  /<!ENTITY|<!DOCTYPE/i,
  /javascript:|vbscript:|\bdata:/i,
  // Character references and CSS escapes can spell any of the above in disguise.
  /&#/,
  /\\/,
];

/**
 * Accepts a model-drawn SVG only if it is a self-contained drawing: no
 * scripts, event handlers, foreign content, embedded images or references
 * outside the document. Comments and titles are removed; anything else
 * suspicious rejects the whole drawing. Returns the SVG, or null when unusable.
 */
export function sanitiseSvg(input: string): string | null {
  const svg = input
    .trim()
    .replace(/^```(?:svg|xml)?\s*/i, "")
    .replace(/```$/, "")
    .trim()
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(title|desc|metadata)\b[^>]*>[\s\S]*?<\/\1>/gi, "");
  if (svg.length === 0 || svg.length > MAX_SVG_BYTES) return null;
  if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(svg) || !/<\/svg>\s*$/i.test(svg)) return null;
  if (FORBIDDEN.some((pattern) => pattern.test(svg))) return null;
  return /xmlns=/.test(svg) ? svg : svg.replace(/<svg/i, '<svg xmlns="http://www.w3.org/2000/svg"');
}
