/** An error the user can cause and fix (bad flag, bad config, unreadable path): one line on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A message about the run itself rather than a finding in a file (SARIF toolExecutionNotifications). */
export interface Notice {
  level: 'error' | 'warning' | 'note';
  message: string;
  path?: string;
  /** The same problem is also a MER000 finding, so people reading findings need not see it twice. */
  reportedAsFinding?: boolean;
}
