// Who is calling: the client address as express sees it (honouring `trust proxy`), normalised so
// that IPv4-mapped IPv6 is plain IPv4 and an IPv6 client is keyed by its /64 (one subscriber
// usually owns a whole /64, so per-address limits there would be trivially sidestepped).
import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';

/** Expands an IPv6 address to its eight 16-bit groups; undefined if it is not IPv6. */
function ipv6Groups(address: string): number[] | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address.split('%')[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -v4[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

/** The client's address, with IPv4-mapped IPv6 (::ffff:1.2.3.4) shown as IPv4. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  if (isIPv4(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return groups.map((g) => g.toString(16)).join(':');
}

/** The key rate limits and quotas count by: IPv4 address, or the IPv6 /64 prefix. */
export function clientKeyOf(address: string | undefined): string {
  const a = normalizeAddress(address);
  const groups = ipv6Groups(a);
  return groups ? `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64` : a;
}

export type ClientKeyFn = (req: Request) => string;

export const clientKey: ClientKeyFn = (req) => clientKeyOf(req.ip ?? req.socket.remoteAddress);

export function isLoopback(address: string | undefined): boolean {
  const a = normalizeAddress(address);
  return a === '::1' || a === '0:0:0:0:0:0:0:1' || /^127\./.test(a);
}
