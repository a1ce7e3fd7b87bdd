const pad = (n: number) => String(n).padStart(2, "0");

/** Today's date (YYYY-MM-DD, local time): with nowIso, the only places the application reads the clock. */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The date and time to the minute (YYYY-MM-DDTHH:MM, local time), as the Decision log records a change. */
export function nowIso(): string {
  const now = new Date();
  return `${todayIso()}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}
