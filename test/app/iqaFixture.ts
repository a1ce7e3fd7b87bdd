import { createMemoryPort } from "../../src/app/memory-port";
import type { MemoryPort } from "../../src/app/memory-port";
import type { Learner } from "../../src/domain/cohort/schema";
import type { SamplingStrategy } from "../../src/domain/sampling";
import { SAMPLING_PRESETS } from "../../src/domain/sampling";
import type { Cell } from "../../src/workbook/plan";
import type { WorkbookState } from "../../src/workbook/port";

/** Twelve learners on the Level 5 Certificate, every D5.01 assignment marked a PASS, half each by two assessors. */
export function markedLearners(count = 12): Learner[] {
  return Array.from({ length: count }, (_, i) => ({
    registration: `NF-${String(i + 1).padStart(3, "0")}`,
    name: `Learner ${i + 1}`,
    qualification: "500/3564/2",
    assessor: i % 2 === 0 ? "R. Hughes" : "S. Okafor",
    assessments: { "D5.01": { marks: [3, 24, 9, 21] } },
  }));
}

export function iqaState(learners: Learner[] = markedLearners()): WorkbookState {
  return {
    cohort: {
      format: "ilm-cohort/1",
      centre: { number: "123456", name: "Northfield Training" },
      cohort: "2026-A",
      learners,
    },
    mode: "portable",
    centreCatalogues: [],
    setup: { qualifications: ["500/3564/2"], assessors: ["R. Hughes", "S. Okafor"] },
  };
}

/** ILM's older 10% minimum, as the preset has it. */
export function olderPreset(): SamplingStrategy {
  const preset = SAMPLING_PRESETS.find((p) => p.id === "ilm-older-10-percent");
  if (!preset) throw new Error("no ilm-older-10-percent preset");
  return preset.strategy;
}

/** A memory workbook with the mark sheets generated for the marked learners. */
export async function markedWorkbook(learners?: Learner[]): Promise<MemoryPort> {
  const port = createMemoryPort();
  port.setWho("Priya Shah");
  const generated = await port.generate(iqaState(learners));
  if (!generated.ok) throw new Error(JSON.stringify(generated.problems));
  return port;
}

/** Every cell of every sheet, by "sheet!row,column", as JSON (for finding what a write changed). */
export function cellsOf(port: MemoryPort): Map<string, string> {
  const cells = new Map<string, string>();
  for (const sheet of port.workbook.sheets)
    sheet.grid.forEach((row, r) =>
      row.forEach((cell: Cell, c) => {
        if (cell !== null && !(cell.t === "text" && cell.v === ""))
          cells.set(`${sheet.name}!${r},${c}`, JSON.stringify(cell));
      }),
    );
  return cells;
}

/** The cells that differ between two snapshots, by key. */
export function changedCells(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** The text a mark-sheet cell holds, by registration and header. */
export function cellText(port: MemoryPort, registration: string, header: string): unknown {
  const sheet = port.workbook.sheets.find((s) => s.plan?.kind === "marksheet" && s.name.startsWith("D5.01"));
  if (!sheet) throw new Error("no D5.01 mark sheet");
  const headers = (sheet.grid[0] ?? []).map((c) => (c && "v" in c ? c.v : null));
  const column = headers.indexOf(header);
  const row = sheet.grid.findIndex((r) => r[0] && "v" in r[0] && r[0].v === registration);
  const cell = sheet.grid[row]?.[column];
  return cell && "v" in cell ? cell.v : null;
}
