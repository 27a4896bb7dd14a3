/** A usage problem the user can fix by calling differently (exit code 2), not a failure of the build. */
export class UsageError extends Error {
  override name = 'UsageError';
}
