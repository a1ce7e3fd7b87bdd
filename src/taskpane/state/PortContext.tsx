import { createContext, useContext } from "react";
import type { PanePort } from "../../app/port";

const PortContext = createContext<PanePort | null>(null);

export const PortProvider = PortContext.Provider;

/** The workbook port the pane was started with. Components reach the workbook only through it. */
export function usePort(): PanePort {
  const port = useContext(PortContext);
  if (port === null) throw new Error("usePort needs a PortProvider above it");
  return port;
}
