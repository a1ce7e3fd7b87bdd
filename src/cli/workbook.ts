import type { CliIO } from "./io";
import { EXIT_UNUSABLE } from "./io";

/** Placeholder until the workbook command lands: says so and exits with 2. */
export async function workbookCommand(_args: string[], io: CliIO): Promise<number> {
  io.stderr("ilm workbook is not available in this build\n");
  return EXIT_UNUSABLE;
}
