/**
 * A stand-in for the CustomFunctions global that Excel's runtime provides to the functions page: associate()
 * records the id → function table, Error carries the code and message the way the runtime's class does.
 */
export class StubExcelError {
  readonly code: string;
  readonly message: string;
  constructor(code: string, message?: string) {
    this.code = code;
    this.message = message ?? "";
  }
}

export type Fn = (...args: unknown[]) => unknown;

export interface StubRuntime {
  readonly associated: Map<string, Fn>;
  readonly CustomFunctions: {
    associate(id: string | Record<string, Fn>, fn?: Fn): void;
    Error: typeof StubExcelError;
  };
}

export function stubRuntime(): StubRuntime {
  const associated = new Map<string, Fn>();
  return {
    associated,
    CustomFunctions: {
      associate(id, fn) {
        if (typeof id === "string") {
          if (!fn) throw new TypeError(`associate("${id}") without a function`);
          associated.set(id, fn);
        } else {
          for (const [key, value] of Object.entries(id)) associated.set(key, value);
        }
      },
      Error: StubExcelError,
    },
  };
}

/** Installs the stub as the global CustomFunctions (for the functions module imported from source). */
export function installStubRuntime(): StubRuntime {
  const runtime = stubRuntime();
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = runtime.CustomFunctions;
  return runtime;
}

/** What Excel would show: the value, or the error code and its message. */
export type Shown = { readonly value: unknown } | { readonly code: string; readonly message: string };

export function shown(call: () => unknown): Shown {
  try {
    return { value: call() };
  } catch (e) {
    if (e instanceof StubExcelError) return { code: e.code, message: e.message };
    throw e;
  }
}

/** A list of cells as Excel sends a one-row range, or a one-column range. */
export function asRange(cells: readonly unknown[], column: boolean): unknown[][] {
  return column ? cells.map((c) => [c]) : [[...cells]];
}
