/**
 * Plain-text output carries names from the file system and the database, which may hold any character.
 * [Note: a newline in a file name would let the name forge an output line ("added /x\nadded /y"), and
 * an escape sequence could rewrite the terminal; both are shown escaped, as \n, \t, \x1b, \u2028.
 * JSON output needs nothing: JSON.stringify escapes them.]
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function plain(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}
