/**
 * One run at a time of costly work whose answer every caller shares: a call while a run is in
 * flight gets that run's promise instead of starting another (e.g. a full replay of the log for
 * a reconciliation report that several finance officers ask for at once).
 */
export function singleFlight<T>(work: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= work().finally(() => (inFlight = undefined));
    return inFlight;
  };
}
