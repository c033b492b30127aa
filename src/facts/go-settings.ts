import type { Location } from '../types.js';

/*
 * Go toolchain settings (GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE, GOFLAGS,
 * GOTOOLCHAIN, and misspellings of them such as GONOSUMCHECK) assigned a value somewhere in the scan:
 * a .env file, a shell export, a Makefile, a CI workflow's env, a Dockerfile ENV, a container's env.
 * Every language that can set an environment variable contributes them; the GOP rules read them.
 */

export interface GoSetting {
  /** The variable as written: `GOPROXY`. */
  readonly name: string;
  /** The value after the source's own quoting and escapes are undone; undefined when it cannot be known statically (`${VAR}` not resolved in the file). */
  readonly value: string | undefined;
  /** Where the value is written: the exact characters of the value (inside quotes), so findings point at them. */
  readonly at: Location;
  /** Where the name is written. */
  readonly nameAt: Location;
  /** What kind of place assigns it, for messages: `Dockerfile ENV`, `.env file`, `GitHub Actions env`, `go env -w`. */
  readonly source: string;
  /**
   * True when the value is written verbatim on one line from `at.range.start` (no escapes or
   * substitutions), so that a rule can point at a part of it, such as the credentials in a proxy URL.
   */
  readonly verbatim: boolean;
}

/**
 * Whether a variable is one the go command reads: `GO` and capitals or digits, no underscore
 * (GOPROXY, GOFLAGS, GO111MODULE, GOFIPS140; and misspellings such as GONOSUMCHECK, which rules
 * name), unlike GOOGLE_APPLICATION_CREDENTIALS.
 */
export function isGoSettingName(name: string): boolean {
  return /^GO[A-Z0-9]+$/.test(name);
}
