/**
 * Whether a process still runs: leftovers named after a process (temporary files, browser
 * profile folders) are removed only once that process is gone, so two runs at once never
 * take each other's.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
