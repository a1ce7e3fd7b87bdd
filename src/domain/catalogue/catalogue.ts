import type { PathSegment, Problem, Result } from "../problems";
import { isReservedId, reservedIdMessage } from "../reserved";
import type { Assessment, CatalogueFile, Qualification, Rule, Unit } from "./schema";

/** The catalogue, indexed once for lookups. Built from the ILM file plus any centre files. */
export interface Catalogue {
  readonly units: ReadonlyMap<string, Unit>;
  readonly qualifications: ReadonlyMap<string, Qualification>;
  readonly assessments: ReadonlyMap<string, Assessment>;
  /** The assessments that cover each unit (a centre may integrate units into one assignment). */
  readonly assessmentsForUnit: ReadonlyMap<string, readonly Assessment[]>;
  /** Where each entry came from: the file's `name`. */
  readonly origin: ReadonlyMap<string, string>;
}

/**
 * Merges catalogue files in order (the ILM catalogue first, then centre files) and checks every cross-reference.
 * A later file may add units, qualifications and assessments, and fill values the specifications leave empty;
 * it may not redefine an id. Problems name the file and the JSON path.
 */
export function buildCatalogue(files: readonly { file: CatalogueFile; source: string }[]): Result<Catalogue> {
  const units = new Map<string, Unit>();
  const qualifications = new Map<string, Qualification>();
  const assessments = new Map<string, Assessment>();
  const origin = new Map<string, string>();
  const problems: Problem[] = [];

  for (const { file, source } of files) {
    const problem = (code: string, path: PathSegment[], message: string) =>
      problems.push({ code, source, path, message });
    const add = <T extends { id: string }>(
      kind: string,
      map: Map<string, T>,
      list: readonly T[],
      key: string,
    ) => {
      list.forEach((item, i) => {
        if (isReservedId(item.id)) {
          problem("reserved-id", [key, i, "id"], reservedIdMessage(item.id));
          return;
        }
        if (map.has(item.id)) {
          problem(
            "duplicate-id",
            [key, i, "id"],
            `${kind} ${item.id} is already defined by ${origin.get(`${kind}:${item.id}`) ?? "another file"}`,
          );
          return;
        }
        map.set(item.id, item);
        origin.set(`${kind}:${item.id}`, source);
      });
    };
    add("unit", units, file.units, "units");
    add("qualification", qualifications, file.qualifications, "qualifications");
    add("assessment", assessments, file.assessments, "assessments");

    file.settings.forEach((s, i) => {
      const q = qualifications.get(s.qualification);
      if (!q) {
        problem(
          "unknown-qualification",
          ["settings", i, "qualification"],
          `unknown qualification ${s.qualification}`,
        );
        return;
      }
      const filled: Qualification = { ...q };
      for (const key of ["durationMonths", "inductionHours", "tutorialHours"] as const) {
        const value = s[key];
        if (value === undefined) continue;
        if (q[key] !== null && q[key] !== value) {
          problem(
            "setting-overrides-specification",
            ["settings", i, key],
            `${q.id} already states ${key} ${q[key]}; a centre setting only fills a value the specification leaves empty`,
          );
        } else {
          filled[key] = value;
        }
      }
      qualifications.set(q.id, filled);
    });

    file.qualifications.forEach((q, i) => {
      q.units.forEach((u, j) => {
        if (!units.has(u)) problem("unknown-unit", ["qualifications", i, "units", j], `unknown unit ${u}`);
      });
      checkRule(q.rule, new Set(q.units), ["qualifications", i, "rule"], problem);
    });
    file.assessments.forEach((a, i) => {
      a.units.forEach((u, j) => {
        if (!units.has(u)) problem("unknown-unit", ["assessments", i, "units", j], `unknown unit ${u}`);
      });
      if (a.kind === "criteria") {
        const seen = new Set<string>();
        a.criteria.forEach((c, j) => {
          if (isReservedId(c.id))
            problem("reserved-id", ["assessments", i, "criteria", j, "id"], reservedIdMessage(c.id));
          if (seen.has(c.id)) {
            problem(
              "duplicate-criterion",
              ["assessments", i, "criteria", j, "id"],
              `criterion ${c.id} appears twice`,
            );
          }
          seen.add(c.id);
        });
      }
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const assessmentsForUnit = new Map<string, Assessment[]>();
  for (const a of assessments.values()) {
    for (const u of a.units) assessmentsForUnit.set(u, [...(assessmentsForUnit.get(u) ?? []), a]);
  }
  return { ok: true, value: { units, qualifications, assessments, assessmentsForUnit, origin } };
}

function checkRule(
  rule: Rule,
  qualificationUnits: ReadonlySet<string>,
  path: PathSegment[],
  problem: (code: string, path: PathSegment[], message: string) => void,
): void {
  if ("unit" in rule) {
    if (!qualificationUnits.has(rule.unit)) {
      problem(
        "unit-not-in-qualification",
        [...path, "unit"],
        `unit ${rule.unit} is not one of the qualification's units`,
      );
    }
  } else if ("credits" in rule) {
    rule.from.forEach((u, j) => {
      if (!qualificationUnits.has(u)) {
        problem(
          "unit-not-in-qualification",
          [...path, "from", j],
          `unit ${u} is not one of the qualification's units`,
        );
      }
    });
  } else {
    const key = "all" in rule ? "all" : "anyOf";
    const children = "all" in rule ? rule.all : rule.anyOf;
    children.forEach((child, j) => checkRule(child, qualificationUnits, [...path, key, j], problem));
  }
}

/** The units of a qualification, in catalogue order. Trusts a built catalogue. */
export function qualificationUnits(catalogue: Catalogue, qualification: Qualification): Unit[] {
  return qualification.units.map((id) => catalogue.units.get(id) as Unit);
}
