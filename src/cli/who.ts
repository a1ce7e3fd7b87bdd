import * as os from "node:os";

/**
 * The account the command runs as, for the Decision log's Who when --who is not given; "unknown" when the system
 * cannot say (a container without a user entry).
 */
export function accountName(): string {
  try {
    const name = os.userInfo().username.trim();
    return name === "" ? "unknown" : name;
  } catch {
    return "unknown";
  }
}
