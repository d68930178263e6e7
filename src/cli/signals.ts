/**
 * Ctrl+C (SIGINT), SIGTERM (a CI job cancelled, `kill`) and SIGHUP (the terminal closed)
 * stop a command the same way: it stops starting work, closes the browser, removes its
 * temporary files and exits with 128 + the signal's number. A second signal, or a clean-up
 * that takes longer than CLEANUP_MS, ends the process at once (Chromium, driven over a pipe,
 * then ends by itself).
 */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT;

const CLEANUP_MS = 10_000;

/** Calls `stop` on the first of the signals; returns the function that stops listening. */
export function onStopSignals(stop: (signal: StopSignal) => void): () => void {
  let received: StopSignal | undefined;
  const handler = (signal: StopSignal) => {
    if (received) process.exit(SIGNAL_EXIT[received]);
    received = signal;
    setTimeout(() => process.exit(SIGNAL_EXIT[signal]), CLEANUP_MS).unref();
    stop(signal);
  };
  const signals = Object.keys(SIGNAL_EXIT) as StopSignal[];
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
