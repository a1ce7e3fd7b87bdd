import fc from "fast-check";
import { csvLayout, decodeText } from "../../src/domain/cohort/text";

/*
 * decodeText and csvLayout (src/domain/cohort/text.ts) on their own: every text round-trips through the encodings
 * that say what they are, and Windows-1252 is only ever a guess with a note.
 */

const utf16 = (text: string, le: boolean) => {
  const out = [le ? 0xff : 0xfe, le ? 0xfe : 0xff];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(...(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
};
/**
 * Text without NUL (a NUL byte means "not text" where no byte order mark says UTF-16), not starting with U+FEFF
 * (whose UTF-8 bytes are the byte order mark), nor with "PK" (a zip file's first bytes).
 */
const text = fc
  .string({ unit: "grapheme", maxLength: 40 })
  .filter((t) => !t.includes("\u0000") && !t.startsWith("\uFEFF") && !t.startsWith("PK\u0003"));

describe("decodeText", () => {
  it("gives back any UTF-8 text exactly, with or without a byte order mark, and without a note", () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, bom) => {
        const body = new TextEncoder().encode(t);
        const bytes = bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...body]) : body;
        expect(decodeText(bytes)).toEqual({ ok: true, text: t, encoding: "UTF-8", notes: [] });
      }),
    );
  });

  it("gives back any text exactly from UTF-16 LE or BE with a byte order mark", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.boolean(), (t, le) => {
        expect(decodeText(utf16(t, le))).toEqual({
          ok: true,
          text: t,
          encoding: le ? "UTF-16 LE" : "UTF-16 BE",
          notes: [],
        });
      }),
    );
  });

  it("reads Latin-1 letters that are not valid UTF-8 as Windows-1252, always with a note", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."aàâçéêëîïôûüÿÀÉÑ£ -"), minLength: 1 }), (t) => {
        const bytes = Uint8Array.from([...t].map((c) => c.charCodeAt(0)));
        // Some Latin-1 byte pairs happen to be valid UTF-8 ("É£" is C9 A3): those are UTF-8, rightly.
        let validUtf8 = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          validUtf8 = false;
        }
        fc.pre(/[^ -~]/.test(t) && !validUtf8);
        const r = decodeText(bytes);
        expect(r.ok && r.encoding).toBe("Windows-1252");
        expect(r.ok && r.text).toBe(t);
        expect(r.ok && r.notes.length).toBe(1);
      }),
    );
  });
});

describe("csvLayout", () => {
  it.each([
    ["Registration No,Learner\n", ",", { delimiter: ",", sepLine: false, notes: 0 }],
    ["Registration No;Learner\n", ",", { delimiter: ";", sepLine: false, notes: 1 }],
    ["Registration No\tLearner\n", ",", { delimiter: "\t", sepLine: false, notes: 1 }],
    ["sep=;\r\nRegistration No;Learner\r\n", ",", { delimiter: ";", sepLine: true, notes: 0 }],
    ["\uFEFFsep=|\nRegistration No|Learner\n", ",", { delimiter: "|", sepLine: true, notes: 0 }],
    ['Registration No,"Notes; more"\n', ",", { delimiter: ",", sepLine: false, notes: 0 }],
    ["Registration No\n", ",", { delimiter: ",", sepLine: false, notes: 0 }],
    ["Registration No;Learner\n", "\t", { delimiter: ";", sepLine: false, notes: 1 }],
  ])("%j (expected %j)", (t, expected, layout) => {
    const r = csvLayout(t, expected);
    expect(r.ok && { delimiter: r.delimiter, sepLine: r.sepLine, notes: r.notes.length }).toEqual(layout);
  });

  it("refuses a header with more semicolons than commas, or semicolons and tabs without the expected separator", () => {
    expect(csvLayout("Registration No;Learner;Notes, more\n", ",")).toMatchObject({
      ok: false,
      code: "separator-unclear",
    });
    expect(csvLayout("Registration No;Learner\tNotes\n", ",")).toMatchObject({
      ok: false,
      code: "separator-unclear",
    });
  });
});
