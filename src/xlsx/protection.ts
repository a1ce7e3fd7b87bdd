import type { Allowed } from "../workbook/plan";
/**
 * Sheet protection as written in <sheetProtection>: what people may still do on a protected sheet, and Excel's
 * password hash (ISO/IEC 29500 "agile" form: SHA-512 over a random salt and the UTF-16LE password, iterated).
 */
import { createHash, webcrypto } from "node:crypto";

/** Excel's own iteration count for sheet passwords. */
const SPIN_COUNT = 100_000;

export interface PasswordHash {
  readonly algorithmName: "SHA-512";
  readonly hashValue: string;
  readonly saltValue: string;
  readonly spinCount: number;
}

/** The hash of `password` with `salt` (16 random bytes when not given, as Excel does). */
export function hashPassword(password: string, salt?: Uint8Array, spinCount = SPIN_COUNT): PasswordHash {
  const saltBytes = salt ?? webcrypto.getRandomValues(new Uint8Array(16));
  let hash = createHash("sha512").update(saltBytes).update(Buffer.from(password, "utf16le")).digest();
  const counter = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    counter.writeUInt32LE(i, 0);
    hash = createHash("sha512").update(hash).update(counter).digest();
  }
  return {
    algorithmName: "SHA-512",
    hashValue: hash.toString("base64"),
    saltValue: Buffer.from(saltBytes).toString("base64"),
    spinCount,
  };
}

/** The attributes that hold a password in <sheetProtection>. */
export const PASSWORD_ATTRS = ["password", "algorithmName", "hashValue", "saltValue", "spinCount"] as const;

/**
 * The attributes of ilm's <sheetProtection>: protected, with what the plan allows (the schema's attributes say
 * what is locked, so "0" allows), and selecting locked and unlocked cells allowed (their defaults). `password`
 * holds the password attributes to write (new or kept).
 */
export function protectionAttrs(password: readonly [string, string][], allow: Allowed): [string, string][] {
  const locked = (allowed: boolean) => (allowed ? "0" : "1");
  return [
    ...password,
    ["sheet", "1"],
    ["objects", "1"],
    ["scenarios", "1"],
    ["formatColumns", locked(allow.formatColumns)],
    ["formatRows", locked(allow.formatRows)],
    ["sort", locked(allow.sort)],
    ["autoFilter", locked(allow.autoFilter)],
  ];
}
