import type { Catalogue } from "../catalogue/catalogue";
import { deadline } from "../engine/learner";
import { messages } from "../messages";
import type { PathSegment, Problem, Result } from "../problems";
import { reservedKeyProblems } from "../reserved";
import { PARSE_OPTIONS, zodProblems } from "../zodProblems";
import { duplicateRegistrationMessage, repeatedRegistrations, trimRegistration } from "./registration";
import type { Cohort, Learner } from "./schema";
import { CohortSchema, LearnerSchema } from "./schema";

/**
 * Checks a cohort document (already parsed from JSON) against the schema and the catalogue. Every problem is
 * reported with its JSON path and the learner's registration number; nothing is evaluated unless all is well.
 */
export function validateCohort(json: unknown, catalogue: Catalogue): Result<Cohort> {
  const parsed = CohortSchema.safeParse(json, PARSE_OPTIONS);
  const raw = (json as { learners?: unknown } | null)?.learners;
  const problems: Problem[] = [
    ...reservedKeyProblems(json),
    ...(parsed.success ? [] : zodProblems(parsed.error)),
  ].map((p) => withRegistration(p, raw));
  // Learners that are well-formed on their own are still checked against the catalogue and for duplicates when
  // the file as a whole is not, so that one run reports every problem in the file.
  const learners: (Learner | undefined)[] = parsed.success
    ? parsed.data.learners
    : Array.isArray(raw)
      ? raw.map((l) => {
          const one = LearnerSchema.safeParse(l, PARSE_OPTIONS);
          return one.success ? one.data : undefined;
        })
      : [];
  for (const { index, first } of repeatedRegistrations(learners.map((l) => l?.registration))) {
    const registration = learners[index]?.registration as string;
    problems.push({
      code: "duplicate-registration",
      path: ["learners", index, "registration"],
      registration,
      message: duplicateRegistrationMessage(
        registration,
        `by learners[${first}]`,
        learners[first]?.registration as string,
      ),
    });
  }
  learners.forEach((learner, i) => {
    if (learner) problems.push(...checkLearner(learner, ["learners", i], catalogue));
  });
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: byLearner(problems) };
  return { ok: true, value: parsed.data };
}

/** Problems in file order: top-level ones first, then learner by learner (stable within a learner). */
function byLearner(problems: Problem[]): Problem[] {
  const index = (p: Problem) => (p.path[0] === "learners" && typeof p.path[1] === "number" ? p.path[1] : -1);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => index(a.p) - index(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

/** Checks one learner record (from a pasted row, say) against the schema and the catalogue. */
export function validateLearner(
  json: unknown,
  catalogue: Catalogue,
  path: readonly PathSegment[] = [],
): Result<Learner> {
  const parsed = LearnerSchema.safeParse(json, PARSE_OPTIONS);
  const reserved = reservedKeyProblems(json, path);
  if (!parsed.success || reserved.length > 0) {
    const registration = readableRegistration(json);
    return {
      ok: false,
      problems: [...reserved, ...(parsed.success ? [] : zodProblems(parsed.error, { at: path }))].map((p) =>
        registration !== undefined ? { ...p, registration } : p,
      ),
    };
  }
  const problems = checkLearner(parsed.data, path, catalogue);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: parsed.data };
}

/** Cross-checks a schema-valid learner against the catalogue. */
export function checkLearner(learner: Learner, at: readonly PathSegment[], catalogue: Catalogue): Problem[] {
  const problems: Problem[] = [];
  const problem = (code: string, path: PathSegment[], message: string) =>
    problems.push({ code, path: [...at, ...path], registration: learner.registration, message });

  const qualification = catalogue.qualifications.get(learner.qualification);
  if (!qualification) {
    problem("unknown-qualification", ["qualification"], messages.unknownQualification(learner.qualification));
    return problems;
  }
  if (
    learner.registered &&
    qualification.durationMonths !== null &&
    deadline(qualification, learner.registered) === null
  ) {
    problem(
      "deadline-out-of-range",
      ["registered"],
      messages.deadlineOutOfRange(learner.registered, qualification.durationMonths, qualification.id),
    );
  }
  const inQualification = new Set(qualification.units);
  const coveredBy = new Map<string, string>();

  for (const [id, entry] of Object.entries(learner.assessments ?? {})) {
    const assessment = catalogue.assessments.get(id);
    if (!assessment) {
      problem("unknown-assessment", ["assessments", id], messages.unknownAssessment(id));
      continue;
    }
    if (!assessment.units.some((u) => inQualification.has(u))) {
      problem(
        "assessment-not-in-qualification",
        ["assessments", id],
        messages.assessmentNotInQualification(id, qualification.id),
      );
      continue;
    }
    for (const u of assessment.units) {
      const other = coveredBy.get(u);
      if (other !== undefined)
        problem(
          "unit-covered-twice",
          ["assessments", id],
          `unit ${u} is already covered by assessment ${other}`,
        );
      coveredBy.set(u, id);
    }
    if (assessment.kind === "sectioned") {
      if (entry.criteria !== undefined || entry.qaCriteria !== undefined) {
        problem(
          "wrong-marking-kind",
          ["assessments", id],
          `${id} is marked by sections: give "marks", not "criteria"`,
        );
      }
      for (const key of ["marks", "qaMarks"] as const) {
        const marks = entry[key];
        if (marks !== undefined && marks.length !== assessment.sections.length) {
          problem(
            "wrong-mark-count",
            ["assessments", id, key],
            messages.wrongMarkCount(assessment.sections.length, marks.length),
          );
        }
      }
    } else {
      if (entry.marks !== undefined || entry.qaMarks !== undefined) {
        problem(
          "wrong-marking-kind",
          ["assessments", id],
          `${id} is marked by criteria: give "criteria", not "marks"`,
        );
      }
      const known = new Set(assessment.criteria.map((c) => c.id));
      for (const key of ["criteria", "qaCriteria"] as const) {
        for (const criterion of Object.keys(entry[key] ?? {})) {
          if (!known.has(criterion))
            problem(
              "unknown-criterion",
              ["assessments", id, key, criterion],
              messages.unknownCriterion(criterion, id),
            );
        }
      }
    }
  }

  for (const unit of Object.keys(learner.units ?? {})) {
    if (!catalogue.units.has(unit)) problem("unknown-unit", ["units", unit], messages.unknownUnit(unit));
    else if (!inQualification.has(unit))
      problem(
        "unit-not-in-qualification",
        ["units", unit],
        messages.unitNotInQualification(unit, qualification.id),
      );
    else {
      const through = coveredBy.get(unit);
      if (through !== undefined)
        problem("unit-given-twice", ["units", unit], messages.unitGivenTwice(unit, through));
    }
  }
  return problems;
}

/** Adds the learner's registration number to a schema problem under `learners[i]`, when it can be read. */
function withRegistration(problem: Problem, learners: unknown): Problem {
  const path = problem.path;
  if (path[0] !== "learners" || typeof path[1] !== "number" || !Array.isArray(learners)) return problem;
  const registration = readableRegistration(learners[path[1]]);
  return registration !== undefined ? { ...problem, registration } : problem;
}

/** A learner record's registration number (trimmed), when it has one to name it by. */
function readableRegistration(learner: unknown): string | undefined {
  const registration = (learner as { registration?: unknown } | null)?.registration;
  const trimmed = typeof registration === "string" ? trimRegistration(registration) : "";
  return trimmed !== "" ? trimmed : undefined;
}
