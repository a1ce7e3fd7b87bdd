/** What a command needs from the outside world, so tests can run commands in-process. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  /** A file's bytes (cohort CSV files, whose encoding is found from them); readFile's UTF-8 when left out. */
  readonly readFileBytes?: (path: string) => Promise<Uint8Array>;
  readonly cwd: string;
  /** Today's date, YYYY-MM-DD (the default As of date); the system clock's local date when left out (see clock.ts). */
  readonly today?: () => string;
}

/** Exit codes: 0 all valid; 1 some assessment INVALID; 2 the input cannot be used at all. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_UNUSABLE = 2;
