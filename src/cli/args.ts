/** The options one command accepts, read from its arguments. Unknown options are problems, not guesses. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly json: boolean;
  /** `--write`: record what the command works out in the workbook. */
  readonly write: boolean;
  readonly catalogues: string[];
  /** `--as-of YYYY-MM-DD` as given (unchecked); undefined when not given. */
  readonly asOf: string | undefined;
  readonly problems: string[];
}

export function parseArgs(
  args: readonly string[],
  allowed: { json?: boolean; write?: boolean; catalogue?: boolean; asOf?: boolean },
): ParsedArgs {
  const positional: string[] = [];
  const catalogues: string[] = [];
  const problems: string[] = [];
  let json = false;
  let write = false;
  let asOf: string | undefined;
  const setAsOf = (value: string) => {
    if (asOf !== undefined && asOf !== value) problems.push(`--as-of given twice (${asOf} and ${value})`);
    asOf = value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--json" && allowed.json) {
      json = true;
    } else if (arg === "--write" && allowed.write) {
      write = true;
    } else if ((arg === "--catalogue" || arg === "--catalog") && allowed.catalogue) {
      const file = args[i + 1];
      if (file === undefined || file.startsWith("--")) problems.push(`${arg} needs a catalogue file`);
      else catalogues.push(file);
      i++;
    } else if (arg.startsWith("--catalogue=") && allowed.catalogue) {
      catalogues.push(arg.slice("--catalogue=".length));
    } else if (arg === "--as-of" && allowed.asOf) {
      const date = args[i + 1];
      if (date === undefined || date.startsWith("--"))
        problems.push("--as-of needs a date written YYYY-MM-DD");
      else setAsOf(date);
      i++;
    } else if (arg.startsWith("--as-of=") && allowed.asOf) {
      setAsOf(arg.slice("--as-of=".length));
    } else if (arg.startsWith("-") && arg !== "-") {
      problems.push(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  return { positional, json, write, catalogues, asOf, problems };
}

/** Takes an option with a value (`--out file` or `--out=file`) out of the arguments. */
export function takeOption(
  args: readonly string[],
  name: string,
  short?: string,
): { out: string | undefined; rest: string[]; problems: string[] } {
  const rest: string[] = [];
  const problems: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === name || (short !== undefined && arg === short)) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) problems.push(`${arg} needs a value`);
      else out = next;
      i++;
    } else if (arg.startsWith(`${name}=`)) {
      out = arg.slice(name.length + 1);
    } else {
      rest.push(arg);
    }
  }
  return { out, rest, problems };
}
