/**
 * The one share-link codec (src/core/report/shareLink.ts), checked against independent
 * implementations: Node's base64url, node:zlib's raw inflate and WHATWG URLSearchParams.
 */
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { presetScenario } from '../../../../src/core/presets';
import { base64UrlToBytes } from '../../../../src/core/report/base64';
import { decodeShareFragment, encodeShareFragment, hasSharePayload, reportShare, shareUrl } from '../../../../src/core/report/shareLink';

describe('share link codec', () => {
  it('the payload is base64url (Node) of raw DEFLATE (zlib) of the scenario JSON', () => {
    const s = presetScenario('suncatcher')!;
    const frag = encodeShareFragment(s);
    expect(frag.startsWith('s=1.')).toBe(true);
    const bytes = Buffer.from(frag.slice(4), 'base64url');
    expect(inflateRawSync(bytes).toString('utf8')).toBe(JSON.stringify(s));
  });
  it('base64UrlToBytes equals Node base64url decoding for every length and refuses non-base64url', () => {
    let x = 12345;
    for (let n = 0; n < 70; n++) {
      const b = new Uint8Array(n).map(() => {
        x = (x * 1103515245 + 12345) >>> 0; // fixed-seed LCG
        return x >>> 24;
      });
      const text = Buffer.from(b).toString('base64url');
      expect(Array.from(base64UrlToBytes(text)!)).toEqual(Array.from(b));
    }
    expect(base64UrlToBytes('ab+c')).toBeNull();
    expect(base64UrlToBytes('abcde')).toBeNull();
    expect(base64UrlToBytes('ab=')).toBeNull();
  });
  it('hasSharePayload reads the fragment keys as URLSearchParams does', () => {
    for (const h of ['#s=1.abc', 's=1.x', 'a=1&s=2', 'x=1', '', '#', 's', 'ss=1', '%73=1', 'a=s', 'a=1&&s', '+s=1', 's+=1', '%zz=1&s=3'])
      expect(hasSharePayload(h), h).toBe(new URLSearchParams(h.replace(/^#/, '')).has('s') || h.replace(/^#/, '').startsWith('s='));
  });
  it('the report prints the page link: same fragment, decoded to the same scenario', () => {
    const s = presetScenario('starlink-72x22')!;
    const url = reportShare(s, 'https://planner.example/app#old').url!;
    expect(url).toBe(shareUrl('https://planner.example/app#old', s));
    const back = decodeShareFragment(url.slice(url.indexOf('#')));
    expect(back.ok && back.scenario).toEqual(s);
  });
});
