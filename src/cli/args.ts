/** The options one command accepts, read from its arguments. Unknown options are problems, not guesses. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly json: boolean;
  readonly catalogues: string[];
  readonly problems: string[];
}

export function parseArgs(
  args: readonly string[],
  allowed: { json?: boolean; catalogue?: boolean },
): ParsedArgs {
  const positional: string[] = [];
  const catalogues: string[] = [];
  const problems: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--json" && allowed.json) {
      json = true;
    } else if ((arg === "--catalogue" || arg === "--catalog") && allowed.catalogue) {
      const file = args[i + 1];
      if (file === undefined || file.startsWith("--")) problems.push(`${arg} needs a catalogue file`);
      else catalogues.push(file);
      i++;
    } else if (arg.startsWith("--catalogue=") && allowed.catalogue) {
      catalogues.push(arg.slice("--catalogue=".length));
    } else if (arg.startsWith("-") && arg !== "-") {
      problems.push(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  return { positional, json, catalogues, problems };
}
