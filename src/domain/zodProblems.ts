import type { z } from "zod";
import type { PathSegment, Problem } from "./problems";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** What a value found in a file is, in a person's words: `"pass"`, `true`, `Infinity (too large)` (1e400 in a file), `a list`. */
export function foundText(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && !Number.isNaN(value) && !Number.isFinite(value))
    return `${value} (too large)`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

const KINDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  null: "null",
};

function literal(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function oneOf(options: readonly string[]): string {
  const unique = [...new Set(options)];
  return unique.length <= 1 ? (unique[0] ?? "") : `${unique.slice(0, -1).join(", ")} or ${unique.at(-1)}`;
}

/** What a schema expects where an issue was raised, in words; null when it cannot be said. */
function expectedOf(issue: RawIssue | Issue): string[] | null {
  if (issue.code === "invalid_type") return [KINDS[issue.expected] ?? issue.expected];
  if (issue.code === "invalid_value") return issue.values.map(literal);
  if (issue.code === "invalid_union" && "errors" in issue && Array.isArray(issue.errors)) {
    const all: string[] = [];
    for (const branch of issue.errors as Issue[][]) {
      const first = branch[0];
      const e = first && branch.length === 1 && first.path.length === 0 ? expectedOf(first) : null;
      if (!e) return null;
      all.push(...e);
    }
    return all;
  }
  return null;
}

/**
 * Zod's own messages ("Invalid input: expected boolean, received string", "Invalid input") in a person's words,
 * naming what the schema expects and what the file holds: `must be true or false, not "pass"`. Messages a schema
 * gives itself take precedence (a per-parse error map is only asked when the schema has none).
 */
function readableIssue(issue: RawIssue): string | undefined {
  const input = issue.input;
  // A discriminated union whose tag matches no option ("kind": "essay"): the issue's path ends at the tag, its
  // input is the whole object, and `options` lists the tags the schema allows.
  const tagged = issue as RawIssue & { discriminator?: unknown; options?: unknown };
  if (
    issue.code === "invalid_union" &&
    typeof tagged.discriminator === "string" &&
    Array.isArray(tagged.options)
  ) {
    const options = (tagged.options as unknown[]).map(literal);
    const tag =
      typeof input === "object" && input !== null
        ? (input as Record<string, unknown>)[tagged.discriminator]
        : undefined;
    return tag === undefined
      ? `is missing: it must be ${oneOf(options)}`
      : `must be ${oneOf(options)}, not ${foundText(tag)}`;
  }
  const expected = expectedOf(issue);
  if (expected && ["invalid_type", "invalid_value", "invalid_union"].includes(issue.code ?? "")) {
    return input === undefined
      ? `is missing: it must be ${oneOf(expected)}`
      : `must be ${oneOf(expected)}, not ${foundText(input)}`;
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    const small = issue.code === "too_small";
    const bound = Number(small ? issue.minimum : issue.maximum);
    const inclusive = issue.inclusive !== false;
    if (issue.origin === "string") {
      return small && bound === 1
        ? "must not be empty"
        : `must be at ${small ? "least" : "most"} ${bound} characters`;
    }
    if (issue.origin === "array") return `must have at ${small ? "least" : "most"} ${bound} items`;
    if (issue.origin === "number" || issue.origin === "int") {
      const words = small ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
      return `must be ${words} ${bound}, not ${foundText(input)}`;
    }
  }
  return undefined;
}

/**
 * Parse options every schema check uses: the offending input is kept on each issue, to name it in messages, and
 * zod's own messages are put in a person's words (readableIssue).
 */
export const PARSE_OPTIONS = { reportInput: true, error: readableIssue } as const;

/**
 * The stable code of a schema issue. Zod's own codes are an implementation detail; these are what callers and
 * tests may rely on. A refinement names its code with `params: { code: "..." }`.
 */
export function issueCode(issue: Issue): string {
  const tagged = issue as Issue & { discriminator?: unknown; input?: unknown };
  const input =
    typeof tagged.discriminator === "string" && typeof tagged.input === "object" && tagged.input !== null
      ? (tagged.input as Record<string, unknown>)[tagged.discriminator]
      : tagged.input;
  const missing = "input" in issue && input === undefined;
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
  // A value of the wrong kind says so once: checks that ran on it anyway (a length, a minimum) add nothing.
  const wrongKind = new Set(
    error.issues.filter((i) => i.code === "invalid_type").map((i) => JSON.stringify(issuePath(i))),
  );
  return error.issues
    .filter((i) => i.code === "invalid_type" || !wrongKind.has(JSON.stringify(issuePath(i))))
    .map((issue) => issueProblem(issue, options));
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
