/**
 * Excel's escape for cell text (ST_Xstring): a character XML 1.0 cannot carry is written `_xHHHH_` (its UTF-16
 * code unit in hex), and an underscore that would otherwise start such an escape is written `_x005F_`, so a text
 * typed as "_x000D_" reads back as typed.
 */

/** The longest text a cell holds. */
export const MAX_CELL_TEXT = 32_767;

const ESCAPE = /_x[0-9A-Fa-f]{4}_/g;

/** Decodes `_xHHHH_` escapes (as Excel does when it reads a file). */
export function decodeXString(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(ESCAPE, (m) => String.fromCharCode(parseInt(m.slice(2, 6), 16)));
}

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, "0");

function forbidden(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff
  );
}

/**
 * Encodes a text for a cell: forbidden characters (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) as
 * `_xHHHH_`, and the underscore of a literal `_xHHHH_` as `_x005F_`. XML escaping is a separate step.
 */
export function encodeXString(text: string): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let replacement: string | undefined;
    if (code === 0x5f) {
      if (/^_x[0-9A-Fa-f]{4}_/.test(text.slice(i, i + 7))) replacement = "_x005F_";
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const high = code <= 0xdbff;
      const next = text.charCodeAt(i + 1);
      if (high && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = `_x${hex4(code)}_`;
    } else if (forbidden(code)) replacement = `_x${hex4(code)}_`;
    if (replacement !== undefined) {
      out += text.slice(last, i) + replacement;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
