/**
 * The errors the ILM functions give. Inside the add-in an answer is a value or a Failure (a value too); only at the
 * very edge, where Excel's runtime expects it, is a Failure thrown as CustomFunctions.Error.
 */

/** `#VALUE!`: an argument is wrong. `#N/A`: the answer is not available yet (a mark is blank). */
export type ExcelErrorCode = "#VALUE!" | "#N/A";

export class Failure {
  readonly code: ExcelErrorCode;
  readonly message: string;
  constructor(code: ExcelErrorCode, message: string) {
    this.code = code;
    this.message = message;
  }
}

export type Answer<T> = T | Failure;

/** `#VALUE!` with the engine's messages, joined with "; ". */
export function invalid(messages: readonly string[]): Failure {
  return new Failure("#VALUE!", messages.join("; "));
}

/** `#N/A` with the engine's messages, joined with "; ". */
export function notAvailable(messages: readonly string[]): Failure {
  return new Failure("#N/A", messages.join("; "));
}

/**
 * Hands an answer to Excel: a value as it is, a Failure as a CustomFunctions.Error carrying the code and message,
 * which Excel shows in the cell. The codes are the runtime's ErrorCode values ("#VALUE!", "#N/A"), written out so
 * that nothing but the Error class is needed from the runtime.
 */
export function toExcel<T>(answer: Answer<T>): T {
  if (answer instanceof Failure) {
    throw new CustomFunctions.Error(answer.code as CustomFunctions.ErrorCode, answer.message);
  }
  return answer;
}
