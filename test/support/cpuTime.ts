/**
 * Milliseconds of CPU this process has used (user and system, every thread): the clock for the
 * tests' linear-time bounds. Unlike wall-clock time it does not grow when another test run shares
 * the cores, so a busy machine fails no test; time that grows with the square of the input still does.
 */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
