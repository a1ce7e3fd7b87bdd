/** A problem with input, named by where it is: a JSON path and, for cohort files, the learner. */
export interface Problem {
  /** JSON path into the input, e.g. `learners[3].assessments["D5.01"].marks[1]`. */
  readonly path: string;
  readonly message: string;
  /** The learner's registration number, where the problem belongs to one. */
  readonly registration?: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: Problem[] };

export type PathSegment = string | number;

/** `["learners", 3, "assessments", "D5.01"]` → `learners[3].assessments["D5.01"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === "" ? "(top level)" : out;
}

/** One line a problem: `learners[3].name (NF-004): must not be empty`. */
export function formatProblem(p: Problem): string {
  return `${p.path}${p.registration ? ` (${p.registration})` : ""}: ${p.message}`;
}
