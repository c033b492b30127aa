import { isIPv6 } from 'node:net';

/*
 * Addresses in a value that only work with IPv6, or may pick IPv6: `[::1]:8080`, `[::]:9090`,
 * `http://[fd00::10]/`, a bare `::` where an address is expected, and `localhost`, which many
 * resolvers answer with ::1 first.
 */

export type AddressKind = 'loopback' | 'any' | 'literal' | 'localhost';

export interface AddressMatch {
  readonly kind: AddressKind;
  /** Where the address is in the value, and how long. */
  readonly index: number;
  readonly length: number;
  readonly written: string;
}

const BRACKETED = /\[([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)(?:%[\w.-]+)?\](?::\d+)?/g;
/** A whole value that is a bare IPv6 address, optionally with a zone. */
const BARE = /^([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)(?:%[\w.-]+)?$/;
/** `localhost` as the host of a URL or of `host:port`. */
const LOCALHOST = /(?:^|[\s,;="'(]|\/\/|@)(localhost)(?=:\d|\/|$|[\s,;"')])/gi;

/** Names of settings, flags and keys that hold listen or dial addresses. */
export const ADDRESS_NAME = /addr|address|host|listen|bind|endpoint|url|uri|dsn|server|peer|upstream|target|proxy|connect/i;

/**
 * The IPv6-dependent addresses in a value. `isAddress` says the value as a whole is an address
 * (its setting's name says so), so a bare `::` or `localhost` counts; bracketed forms count anywhere.
 */
export function ipv6Addresses(value: string, isAddress: boolean): AddressMatch[] {
  const found: AddressMatch[] = [];
  for (const match of value.matchAll(BRACKETED)) {
    if (isIPv6(match[1]!)) found.push({ kind: kindOf(match[1]!), index: match.index, length: match[0].length, written: match[0] });
  }
  const trimmed = value.trim();
  const bare = BARE.exec(trimmed);
  if (isAddress && bare && isIPv6(bare[1]!)) found.push({ kind: kindOf(bare[1]!), index: value.indexOf(trimmed), length: trimmed.length, written: trimmed });
  const single = !value.includes('\n');
  if (single && (isAddress || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))) {
    for (const match of value.matchAll(LOCALHOST)) {
      const index = match.index + match[0].length - match[1]!.length;
      found.push({ kind: 'localhost', index, length: match[1]!.length, written: match[1]! });
    }
  }
  return found;
}

function kindOf(address: string): AddressKind {
  // The URL parser writes an IPv6 address in its shortest form: 0:0:0:0:0:0:0:1 is ::1.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  return canonical === '::1' ? 'loopback' : canonical === '::' ? 'any' : 'literal';
}
