/** Per-user preferences, kept in the browser (never in the workbook, which co-authors share). */
export interface Preferences {
  /** The user's name, put in new entries as assessor or IQA. */
  readonly myName: string;
  readonly role: "assessor" | "iqa";
}

export const defaultPreferences: Preferences = { myName: "", role: "assessor" };

/** The part of Web Storage the pane uses, so tests can pass their own. */
export interface PreferenceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = "ilm-markbook.preferences";

/** Office on the web partitions storage per add-in instance: the key includes the partition when there is one. */
export function storageKey(partitionKey?: string): string {
  return partitionKey ? `${partitionKey}${KEY}` : KEY;
}

export function readPreferences(storage: PreferenceStorage | undefined, partitionKey?: string): Preferences {
  const raw = safely(() => storage?.getItem(storageKey(partitionKey)) ?? null, null);
  if (raw === null) return defaultPreferences;
  const parsed = safely<unknown>(() => JSON.parse(raw), null);
  if (typeof parsed !== "object" || parsed === null) return defaultPreferences;
  const { myName, role } = parsed as { myName?: unknown; role?: unknown };
  return {
    myName: typeof myName === "string" ? myName : "",
    role: role === "iqa" ? "iqa" : "assessor",
  };
}

/** Saves preferences; false when the browser refuses storage (private mode, storage full). */
export function writePreferences(
  storage: PreferenceStorage | undefined,
  preferences: Preferences,
  partitionKey?: string,
): boolean {
  if (!storage) return false;
  return safely(() => {
    storage.setItem(storageKey(partitionKey), JSON.stringify(preferences));
    return true;
  }, false);
}

/** Storage access throws in some browsers (blocked third-party storage); the pane then works without it. */
function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
