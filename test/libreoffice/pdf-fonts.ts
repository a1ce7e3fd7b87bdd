/**
 * The font sizes a PDF prints each page's text at, read from its content streams: every "Tf" operator's size,
 * times the text matrix's vertical scale where a "Tm" sets one. Enough for the PDFs LibreOffice writes (plain
 * objects, Flate-compressed page contents); not a general PDF reader.
 */
import { constants, inflateSync } from "node:zlib";

function objectsOf(pdf: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) out.set(Number(m[1]), m[2] as string);
  return out;
}

function streamOf(body: string): string {
  const m = /stream\r?\n([\s\S]*?)endstream/.exec(body);
  if (!m) return "";
  const raw = Buffer.from(m[1] as string, "latin1");
  if (!/\/FlateDecode/.test(body)) return raw.toString("latin1");
  return inflateSync(raw, { finishFlush: constants.Z_SYNC_FLUSH }).toString("latin1");
}

/** The sizes (points) of the text shown in one content stream. */
export function textSizes(content: string): number[] {
  const sizes: number[] = [];
  let scale = 1;
  let size = 0;
  const ops = content.matchAll(
    /(?:(-?[\d.]+)\s+){5}(-?[\d.]+)\s+Tm|\/[\w.+-]+\s+(-?[\d.]+)\s+Tf|\bBT\b|(\[[^\]]*\]\s*TJ|\)\s*Tj|>\s*Tj)/g,
  );
  for (const m of ops) {
    const op = m[0];
    if (op === "BT") scale = 1;
    else if (op.endsWith("Tm")) {
      const n = op.trim().split(/\s+/).slice(0, 6).map(Number);
      scale = Math.hypot(n[2] as number, n[3] as number) || 1;
    } else if (op.endsWith("Tf")) size = Number(m[3]);
    else sizes.push(Math.abs(size * scale));
  }
  return sizes;
}

/** For each page in order, the sizes of every piece of text it shows. */
export function pageTextSizes(pdfBytes: Uint8Array): number[][] {
  const pdf = Buffer.from(pdfBytes).toString("latin1");
  const objects = objectsOf(pdf);
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o) && !/\/Parent\b/.test(o));
  if (!root) throw new Error("no page tree");
  const pages: number[][] = [];
  const walk = (body: string) => {
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? "";
    for (const k of kids.matchAll(/(\d+) 0 R/g)) {
      const kid = objects.get(Number(k[1])) ?? "";
      if (/\/Type\s*\/Pages\b/.test(kid)) {
        walk(kid);
        continue;
      }
      const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(kid)?.[1] ?? "";
      const streams = [...contents.matchAll(/(\d+) 0 R/g)].map((r) =>
        streamOf(objects.get(Number(r[1])) ?? ""),
      );
      pages.push(textSizes(streams.join("\n")));
    }
  };
  walk(root);
  return pages;
}
