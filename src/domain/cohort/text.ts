/**
 * A cohort text file's bytes as text, and how its cells are separated. Spreadsheets save CSV in several ways:
 * Excel on Windows saves "CSV (Comma delimited)" in Windows-1252, "CSV UTF-8" with a byte order mark, and
 * "Unicode Text" in UTF-16 LE with tabs; where a comma is the decimal separator it separates cells with
 * semicolons, and a first line `sep=;` says so. This file finds which, says what it did in a note, and refuses
 * what it cannot read naming why. Pure: the platform's TextDecoder (it knows windows-1252 and utf-16) does the work.
 */

export type TextEncodingName = "UTF-8" | "UTF-16 LE" | "UTF-16 BE" | "Windows-1252";

export type DecodedText =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: TextEncodingName;
      /** What a person should know about how the file was read (an encoding guessed), as sentences. */
      readonly notes: string[];
    }
  | { readonly ok: false; readonly code: string; readonly message: string };

const SAVE_AS = 'save it from the spreadsheet as "CSV UTF-8 (Comma delimited)"';

function decoder(label: string): InstanceType<typeof TextDecoder> {
  return new TextDecoder(label, { fatal: true, ignoreBOM: true });
}

function hexByte(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** Bytes Windows-1252 leaves undefined: a file holding them is in some other encoding. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * The text of a file: a UTF-8 byte order mark or valid UTF-8 is UTF-8; a UTF-16 byte order mark (FF FE, FE FF) is
 * UTF-16; anything else is read as Windows-1252 with a note. Refused, naming why: a workbook or other zip file,
 * UTF-16 without a byte order mark, text that is not what its byte order mark says, and bytes no encoding here
 * explains.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return strict(bytes.subarray(3), "utf-8", "UTF-8");
  if (b0 === 0xff && b1 === 0xfe) return strict(bytes.subarray(2), "utf-16le", "UTF-16 LE");
  if (b0 === 0xfe && b1 === 0xff) return strict(bytes.subarray(2), "utf-16be", "UTF-16 BE");
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03) {
    return {
      ok: false,
      code: "not-text",
      message:
        "is a workbook (.xlsx) or another zip file, not CSV text: give the .xlsx file its own name, or " +
        SAVE_AS,
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = looksLikeUtf16(bytes);
    return {
      ok: false,
      code: utf16 ? "utf-16-without-bom" : "not-text",
      message: utf16
        ? `looks like UTF-16 ${utf16} text without a byte order mark, which cannot be read safely: ${SAVE_AS}`
        : `is not a text file (it holds a NUL byte at byte ${nul + 1}): ${SAVE_AS}`,
    };
  }
  try {
    return { ok: true, text: decoder("utf-8").decode(bytes), encoding: "UTF-8", notes: [] };
  } catch {
    // Not UTF-8: Excel on Windows saves "CSV (Comma delimited)" in Windows-1252.
  }
  const undefinedAt = bytes.findIndex((b) => UNDEFINED_IN_1252.has(b));
  if (undefinedAt >= 0) {
    return {
      ok: false,
      code: "unknown-encoding",
      message:
        `is neither UTF-8 nor Windows-1252 (byte ${hexByte(bytes[undefinedAt] as number)} at byte ${undefinedAt + 1}): ` +
        SAVE_AS,
    };
  }
  const text = new TextDecoder("windows-1252").decode(bytes);
  return {
    ok: true,
    text,
    encoding: "Windows-1252",
    notes: [
      `is not UTF-8, so it was read as Windows-1252 (as Excel on Windows saves "CSV (Comma delimited)"): ` +
        `check that accented names read right${accentedExample(text)}, or ${SAVE_AS}`,
    ],
  };
}

function strict(bytes: Uint8Array, label: string, name: TextEncodingName): DecodedText {
  try {
    return { ok: true, text: decoder(label).decode(bytes), encoding: name, notes: [] };
  } catch {
    return {
      ok: false,
      code: "not-its-encoding",
      message: `starts with the byte order mark of ${name} but is not valid ${name} text: ${SAVE_AS}`,
    };
  }
}

/** "LE" or "BE" when NUL bytes sit at every other position of the first bytes, as in UTF-16 text; else null. */
function looksLikeUtf16(bytes: Uint8Array): "LE" | "BE" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 200);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  if (n === 0) return null;
  if (odd >= n / 4 && even === 0) return "LE";
  if (even >= n / 4 && odd === 0) return "BE";
  return null;
}

/** ` (such as "Siân")`: the first word with a letter outside ASCII, to check; "" when none. */
function accentedExample(text: string): string {
  const word = /[^\s,;"\t]*[\u00c0-\u024f][^\s,;"\t]*/.exec(text)?.[0];
  return word ? ` (such as "${word}")` : "";
}

/** How a CSV text's cells are separated, and whether its first line is Excel's `sep=` line (not data). */
export type CsvLayout =
  | {
      readonly ok: true;
      readonly delimiter: string;
      /** The first line is `sep=X`: it is skipped, and the header is the second line. */
      readonly sepLine: boolean;
      readonly notes: string[];
    }
  | { readonly ok: false; readonly code: string; readonly message: string };

const SEP_LINE = /^\uFEFF?sep=(.)\r?(?:\n|$)/i;

/** The separators outside quotes on a line, counted. */
function separators(line: string): { comma: number; semicolon: number; tab: number } {
  let quoted = false;
  const n = { comma: 0, semicolon: 0, tab: 0 };
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === ",") n.comma++;
    else if (ch === ";") n.semicolon++;
    else if (ch === "\t") n.tab++;
  }
  return n;
}

const NAMES: Record<string, string> = { ",": "commas", ";": "semicolons (;)", "\t": "tabs" };

/**
 * The separator of a CSV file's cells. `expected` is what the file's name says ("," for .csv, a tab for .tsv).
 * A first line `sep=X` is honoured. Otherwise, when the header line holds none of the expected separator but
 * semicolons or tabs (and not both), those separate the cells, with a note; a header with semicolons and commas
 * both, split more ways by semicolons, is refused with what to do.
 */
export function csvLayout(text: string, expected: string): CsvLayout {
  const sep = SEP_LINE.exec(text);
  if (sep) return { ok: true, delimiter: sep[1] as string, sepLine: true, notes: [] };
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const n = separators(header);
  const count = { ",": n.comma, ";": n.semicolon, "\t": n.tab } as Record<string, number>;
  if ((count[expected] ?? 0) > 0) {
    if (expected === "," && n.semicolon > n.comma) {
      return {
        ok: false,
        code: "separator-unclear",
        message:
          "the header row has both semicolons and commas, so which separates the cells is unclear: " +
          `${SAVE_AS}, or make the file's first line sep=; (or sep=,) to say which`,
      };
    }
    return { ok: true, delimiter: expected, sepLine: false, notes: [] };
  }
  const others = ([";", "\t", ","] as const).filter((d) => d !== expected && (count[d] ?? 0) > 0);
  if (others.length === 1) {
    const d = others[0] as string;
    return {
      ok: true,
      delimiter: d,
      sepLine: false,
      notes: [`has its cells separated by ${NAMES[d]}, not ${NAMES[expected] ?? expected}: read it that way`],
    };
  }
  if (others.length > 1) {
    return {
      ok: false,
      code: "separator-unclear",
      message: `the header row has ${others.map((d) => NAMES[d]).join(" and ")} but no ${NAMES[expected] ?? expected}, so which separates the cells is unclear: ${SAVE_AS}, or make the file's first line sep=; (or sep=,) to say which`,
    };
  }
  return { ok: true, delimiter: expected, sepLine: false, notes: [] };
}
