import type { Catalogue, CatalogueFile, Rule } from "../domain";
import { formatProblem, joinAnd } from "../domain";
import { parseArgs } from "./args";
import { catalogueFrom } from "./files";
import type { CliIO } from "./io";
import { EXIT_OK, EXIT_UNUSABLE } from "./io";
import { oneLine, table } from "./table";

export const CATALOGUE_USAGE = "ilm catalogue [--json] [--catalogue extra.json ...]";

/** `ilm catalogue`: the qualifications, units and mark schemes the engine knows, as text or as a catalogue file. */
export async function catalogueCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseArgs(args, { json: true, catalogue: true });
  if (options.positional.length > 0) options.problems.push(`unexpected argument ${options.positional[0]}`);
  if (options.problems.length > 0) {
    io.stderr(options.problems.map((p) => `ilm catalogue: ${p}\n`).join("") + `usage: ${CATALOGUE_USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  const catalogue = await catalogueFrom(io, options.catalogues);
  if (!catalogue.ok) {
    io.stderr(
      `ilm catalogue: the catalogue cannot be used:\n${catalogue.problems.map((p) => `  ${formatProblem(p)}\n`).join("")}`,
    );
    return EXIT_UNUSABLE;
  }
  io.stdout(
    options.json
      ? JSON.stringify(catalogueDocument(catalogue.value, options.catalogues), null, 2) + "\n"
      : catalogueText(catalogue.value),
  );
  return EXIT_OK;
}

/** The merged catalogue as one `ilm-catalogue/1` document (centre settings already applied). */
export function catalogueDocument(catalogue: Catalogue, centreFiles: readonly string[] = []): CatalogueFile {
  return {
    format: "ilm-catalogue/1",
    name:
      centreFiles.length === 0
        ? "ILM catalogue"
        : `ILM catalogue with ${joinAnd(centreFiles.map((f) => JSON.stringify(f)))}`,
    units: [...catalogue.units.values()],
    qualifications: [...catalogue.qualifications.values()],
    assessments: [...catalogue.assessments.values()],
    settings: [],
  };
}

/** The catalogue for people: one block per qualification, then the mark schemes. */
export function catalogueText(catalogue: Catalogue): string {
  const out: string[] = [];
  for (const q of catalogue.qualifications.values()) {
    const facts = [
      `Level ${q.level}`,
      `${q.credits}${q.creditsAreMinimum ? "+" : ""} credits`,
      q.durationMonths === null ? "duration not stated" : `complete within ${months(q.durationMonths)}`,
      `induction ${hours(q.inductionHours)}`,
      `tutorial support ${hours(q.tutorialHours)}`,
    ];
    out.push(`${q.id}  ${oneLine(q.title)}`);
    out.push(`  ${facts.join(" · ")}${q.source ? `  [${oneLine(q.source)}]` : ""}`);
    out.push(`  Achieved with: ${ruleText(q.rule, true)}`);
    const rows = q.units.map((id) => {
      const u = catalogue.units.get(id);
      const how = (catalogue.assessmentsForUnit.get(id) ?? []).map((a) => a.id);
      return [
        id,
        String(u?.credits ?? ""),
        u?.glh === null || u?.glh === undefined ? "-" : String(u.glh),
        u?.practiceHours === null || u?.practiceHours === undefined ? "-" : String(u.practiceHours),
        how.length > 0 ? how.join(", ") : "unit outcome",
        oneLine(u?.title ?? ""),
      ];
    });
    out.push(indent(table(["Unit", "Credits", "GLH", "Practice h", "Marked by", "Title"], rows)));
  }
  out.push("Mark schemes");
  out.push("");
  for (const a of catalogue.assessments.values()) {
    out.push(`${a.id}  ${oneLine(a.title)} (units ${joinAnd(a.units)})`);
    if (a.kind === "sectioned") {
      out.push(`  Sectioned: PASS with a total of ${a.passTotal}+ AND at least the minimum in every section`);
      const rows = a.sections.map((s, i) => [String(i + 1), String(s.max), String(s.min), oneLine(s.name)]);
      out.push(indent(table(["Section", "Max", "Min", "Name"], rows)));
    } else {
      out.push(`  Criterion pass/refer: PASS when every criterion is P`);
      out.push(`  Criteria: ${a.criteria.map((c) => c.id).join(", ")}`);
      out.push("");
    }
  }
  return out.join("\n");
}

/** A rule of combination in words: "8587-300 and 8587-301 and (10 credits from Group 1 ... or ...)". */
export function ruleText(rule: Rule, top = false): string {
  if ("unit" in rule) return rule.unit;
  if ("credits" in rule) {
    return `${rule.credits} credits from ${rule.label ? `${rule.label} (${rule.from.join(", ")})` : rule.from.join(", ")}`;
  }
  const text =
    "all" in rule
      ? rule.all.map((r) => ruleText(r)).join(" and ")
      : rule.anyOf.map((r) => ruleText(r)).join(" or ");
  const children = "all" in rule ? rule.all : rule.anyOf;
  return top || children.length === 1 ? text : `(${text})`;
}

function months(n: number): string {
  return n % 12 === 0 ? `${n / 12} ${n === 12 ? "year" : "years"}` : `${n} months`;
}

function hours(n: number | null): string {
  return n === null ? "not stated" : `${n} h`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => (l === "" ? l : `  ${l}`))
    .join("\n");
}
