import type { CliIO } from "./io";

/**
 * Text from files (learner names, notes, titles, the values quoted in problems) reaches the terminal through here.
 * Characters a terminal acts on instead of showing are written as visible escapes: control characters (C0 but tab
 * and line feed, DEL, C1: escape sequences can recolour, move the cursor or retitle the window), bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069: they reorder what follows, so a line can read
 * differently from what it holds) and the line and paragraph separators U+2028 and U+2029.
 */
const ACTIVE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function hex(ch: string): string {
  return (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
}

/** Text for the terminal: every active character shown as `<U+202E>`. */
export function visible(text: string): string {
  return text.replace(ACTIVE, (ch) => `<U+${hex(ch)}>`);
}

/**
 * JSON for the terminal: every active character written as its JSON escape (`\u202e`). They occur only inside
 * strings (JSON.stringify already escapes C0 characters there, and JSON's own white space is only space, tab, line
 * feed and carriage return), so the document stays valid JSON and parses to exactly the same values.
 */
export function visibleJson(json: string): string {
  return json.replace(ACTIVE, (ch) => `\\u${hex(ch).toLowerCase()}`);
}

/**
 * The command's view of the world with safe output: stderr is always text; stdout is JSON when the command was
 * asked for --json, text otherwise.
 */
export function terminalIO(io: CliIO, json: boolean): CliIO {
  return {
    ...io,
    stdout: (text) => io.stdout(json ? visibleJson(text) : visible(text)),
    stderr: (text) => io.stderr(visible(text)),
  };
}
