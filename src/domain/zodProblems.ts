import type { z } from "zod";
import type { PathSegment, Problem } from "./problems";

/** Parse options every schema check uses: the offending input is kept on each issue, to name it in messages. */
export const PARSE_OPTIONS = { reportInput: true } as const;

type Issue = z.core.$ZodIssue;

/**
 * The stable code of a schema issue. Zod's own codes are an implementation detail; these are what callers and
 * tests may rely on. A refinement names its code with `params: { code: "..." }`.
 */
export function issueCode(issue: Issue): string {
  const missing = "input" in issue && issue.input === undefined;
  switch (issue.code) {
    case "invalid_type":
    case "invalid_union":
      return missing ? "missing" : "wrong-type";
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) === 1 ? "empty" : "too-small";
    case "too_big":
      return "too-big";
    case "invalid_value":
      return "not-allowed";
    case "unrecognized_keys":
      return "unknown-field";
    case "invalid_format":
      return "invalid-format";
    case "not_multiple_of":
      return "not-multiple";
    case "custom": {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return typeof code === "string" ? code : "schema";
    }
    default:
      return "schema";
  }
}

/** An issue's path as path segments (zod allows symbol keys, which JSON input never has). */
export function issuePath(issue: Issue): PathSegment[] {
  return issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
}

/** Schema issues as problems; `at` prefixes each path (a learner inside a cohort, say). */
export function zodProblems(
  error: z.ZodError,
  options: { readonly source?: string | undefined; readonly at?: readonly PathSegment[] } = {},
): Problem[] {
  return error.issues.map((issue) => issueProblem(issue, options));
}

export function issueProblem(
  issue: Issue,
  options: { readonly source?: string | undefined; readonly at?: readonly PathSegment[] } = {},
): Problem {
  return {
    code: issueCode(issue),
    path: [...(options.at ?? []), ...issuePath(issue)],
    message: issue.message,
    ...(options.source !== undefined ? { source: options.source } : {}),
  };
}
