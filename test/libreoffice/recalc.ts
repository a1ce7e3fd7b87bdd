import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

/** The LibreOffice binary, or null when it is not installed. */
export function findSoffice(): string | null {
  for (const candidate of [
    process.env.SOFFICE,
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/bin/libreoffice",
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

/** A profile whose LibreOffice recalculates every formula of an .xlsx on load (0: always) or never does (1). */
const profileXcu = (mode: 0 | 1) => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
</oor:items>
`;

export interface Recalculated {
  readonly bytes: Uint8Array;
  /** Wall-clock time of the LibreOffice run (start, load, recalculate, save). */
  readonly millis: number;
}

/**
 * Opens an .xlsx in headless LibreOffice with a throw-away profile, recalculates everything and saves it as .xlsx
 * again, so the cached results can be read back with ExcelJS.
 */
export async function recalcWithLibreOffice(
  input: Uint8Array,
  soffice: string,
  recalculate: "always" | "never" = "always",
): Promise<Recalculated> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-lo-"));
  try {
    const profile = path.join(dir, "profile");
    await fs.mkdir(path.join(profile, "user"), { recursive: true });
    await fs.writeFile(
      path.join(profile, "user", "registrymodifications.xcu"),
      profileXcu(recalculate === "always" ? 0 : 1),
    );
    const inDir = path.join(dir, "in");
    const outDir = path.join(dir, "out");
    await fs.mkdir(inDir);
    await fs.mkdir(outDir);
    const file = path.join(inDir, "workbook.xlsx");
    await fs.writeFile(file, input);
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          "--headless",
          "--norestore",
          "--nolockcheck",
          "--convert-to",
          "xlsx:Calc MS Excel 2007 XML",
          "--outdir",
          outDir,
          file,
        ],
        { timeout: 300_000 },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`soffice failed: ${error.message}\n${stderr}`)) : resolve(),
      );
    });
    const millis = Date.now() - started;
    const out = path.join(outDir, "workbook.xlsx");
    if (!existsSync(out)) throw new Error("soffice wrote no file");
    return { bytes: new Uint8Array(await fs.readFile(out)), millis };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
