import type { PathSegment, Problem } from "./problems";

/**
 * Names JavaScript gives a meaning to on every object. Ids and keys from input (catalogue ids, the keys of a
 * learner's `assessments`, `units` and `criteria`) become object keys in the engine's results and the readers'
 * records, so these are refused wherever input names things: `__proto__` as a key would reach Object.prototype.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function isReservedId(id: string): boolean {
  return RESERVED_IDS.has(id);
}

export function reservedIdMessage(id: string): string {
  return `${JSON.stringify(id)} is reserved (JavaScript gives it a meaning): choose another id`;
}

/** A record's own value for a key; never an inherited member (`constructor`, `toString`). */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Every object key in parsed JSON that is a reserved name, as problems at its path. JSON.parse makes `__proto__` an
 * own key, which schema checks silently drop, so this looks at the input before them.
 */
export function reservedKeyProblems(json: unknown, at: readonly PathSegment[] = []): Problem[] {
  const problems: Problem[] = [];
  // One path, pushed and popped as the walk goes (copied only for a problem): a cohort file has millions of values.
  const path: PathSegment[] = [...at];
  const walk = (value: unknown) => {
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      if (isReservedId(key))
        problems.push({ code: "reserved-id", path: [...path], message: reservedIdMessage(key) });
      else walk((value as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(json);
  return problems;
}
