import type { DecodedText } from "../../domain/cohort/text";
import { decodeText } from "../../domain/cohort/text";

/** A chosen file's text (UTF-8). Uses FileReader where Blob.text is missing (older webviews, jsdom). */
export function readFileText(file: Blob): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsText(file);
  });
}

/** A chosen file's bytes. Uses FileReader where Blob.arrayBuffer is missing (older webviews, jsdom). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsArrayBuffer(file);
  });
}

/**
 * A chosen CSV file's text, decoded as the command line decodes it (domain/cohort/text.ts): UTF-8, UTF-16 with a
 * byte order mark, else Windows-1252 with a note; or why it cannot be read.
 */
export async function readCsvFile(file: Blob): Promise<DecodedText> {
  return decodeText(await readFileBytes(file));
}
