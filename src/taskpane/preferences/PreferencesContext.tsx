import type { ReactNode } from "react";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import type { PreferenceStorage, Preferences } from "./preferences";
import { readPreferences, writePreferences } from "./preferences";

export interface PreferencesValue {
  readonly preferences: Preferences;
  /** Saves in the browser; false when the browser would not store it (it still applies for this session). */
  readonly update: (next: Preferences) => boolean;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

export function PreferencesProvider(props: {
  storage: PreferenceStorage | undefined;
  partitionKey?: string | undefined;
  children: ReactNode;
}) {
  const { storage, partitionKey, children } = props;
  const [preferences, setPreferences] = useState(() => readPreferences(storage, partitionKey));
  const update = useCallback(
    (next: Preferences) => {
      setPreferences(next);
      return writePreferences(storage, next, partitionKey);
    },
    [storage, partitionKey],
  );
  const value = useMemo(() => ({ preferences, update }), [preferences, update]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): PreferencesValue {
  const value = useContext(PreferencesContext);
  if (value === null) throw new Error("usePreferences needs a PreferencesProvider above it");
  return value;
}
