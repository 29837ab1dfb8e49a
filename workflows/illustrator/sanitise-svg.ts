const MAX_SVG_BYTES = 300_000;

/**
 * Accepts a model-drawn SVG only if it is a self-contained drawing: no
 * scripts, event handlers, foreign content, embedded images or references
 * outside the document. Returns the cleaned SVG, or null when unusable.
 */
export function sanitiseSvg(input: string): string | null {
  const svg = input.trim().replace(/^```(?:svg|xml)?\s*/i, "").replace(/```$/, "").trim();
  if (svg.length === 0 || svg.length > MAX_SVG_BYTES) return null;
  if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(svg) || !/<\/svg>\s*$/i.test(svg)) return null;
  const forbidden = [
    /<script/i,
    /<foreignObject/i,
    /<image/i,
    /<iframe|<object|<embed|<audio|<video|<animate|<set[\s>]/i,
    /\son[a-z]+\s*=/i,
    /(?:xlink:)?href\s*=\s*["'](?!#)/i,
    /url\(\s*["']?(?!#)/i,
    /@import/i,
    /<!ENTITY|<!DOCTYPE/i,
    /javascript:/i,
  ];
  if (forbidden.some((pattern) => pattern.test(svg))) return null;
  return /xmlns=/.test(svg) ? svg : svg.replace(/<svg/i, '<svg xmlns="http://www.w3.org/2000/svg"');
}
