import type { ComponentType } from "react";
import { lazy } from "react";

/** A component whose code is its own webpack chunk, and a way to fetch that chunk before it is shown. */
export type LazyPanel<P extends object> = ComponentType<P> & { readonly preload: () => Promise<unknown> };

/**
 * A component whose code is fetched the first time it is shown or preloaded, then rendered directly: a showing
 * before the code has arrived suspends (the nearest Suspense shows its fallback), later ones never do.
 */
export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>): LazyPanel<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        loading = null; // a chunk that failed to arrive is fetched again next time
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Panel(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return Object.assign(Panel, { preload });
}
