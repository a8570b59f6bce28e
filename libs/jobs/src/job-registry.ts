import type { JobName, JobRunner } from './job.js';

/**
 * Matches handlers to the declared job names and fails fast: a name without a handler,
 * a handler for an unknown name, or two handlers for one name stop the boot.
 */
export function buildJobRegistry(names: readonly JobName[], found: { name: JobName; runner: JobRunner; className: string }[]): Map<JobName, JobRunner> {
  const registry = new Map<JobName, JobRunner>();
  const problems: string[] = [];
  for (const { name, runner, className } of found) {
    if (!names.includes(name)) problems.push(`${className} handles unknown job "${name}"`);
    else if (registry.has(name)) problems.push(`job "${name}" has two handlers (${className} and another)`);
    else registry.set(name, runner);
  }
  for (const name of names) if (!registry.has(name)) problems.push(`job "${name}" has no handler`);
  if (problems.length > 0) throw new Error(`Job registry is inconsistent:\n  ${problems.join('\n  ')}`);
  return registry;
}
