/**
 * Chromium's MediaRecorder writes WebM without a Duration (it streams, so it does not know it at the
 * start): players then show no length and cannot seek. `withWebmDuration` inserts the Duration
 * element into the Segment's Info (EBML, Matroska spec: Segment 0x18538067 > Info 0x1549A966 >
 * Duration 0x4489, a float in TimestampScale units, default 1,000,000 ns = 1 ms). Pure bytes in, bytes out.
 */

const EBML_ID = 0x1a45dfa3;
const SEGMENT_ID = 0x18538067;
const INFO_ID = 0x1549a966;
const DURATION_ID = 0x4489;
const TIMESTAMP_SCALE_ID = 0x2ad7b1;

interface Vint {
  value: number;
  length: number;
  unknown: boolean;
}

/** An EBML element id (1-4 bytes, marker bits kept) at `p`. */
function readId(b: Uint8Array, p: number): Vint | null {
  const first = b[p];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // 1 for 0b1xxxxxxx ... 4 for 0b0001xxxx
  if (length < 1 || length > 4 || p + length > b.length) return null;
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + b[p + i];
  return { value, length, unknown: false };
}

/** An EBML size vint (1-8 bytes) at `p`; `unknown` for the all-ones "unknown size". */
function readSize(b: Uint8Array, p: number): Vint | null {
  const first = b[p];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (length < 1 || length > 8 || p + length > b.length) return null;
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[p + i];
    if (b[p + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: allOnes };
}

function sizeVint8(n: number): Uint8Array {
  const out = new Uint8Array(8);
  out[0] = 0x01;
  let v = n;
  for (let i = 7; i >= 1; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

export interface WebmInfo {
  docType: string;
  /** Duration in milliseconds (TimestampScale applied), or null when the file has none. */
  durationMs: number | null;
}

/** Read the EBML header's DocType and the Segment Info's Duration; null when this is not EBML. */
export function readWebmInfo(b: Uint8Array): WebmInfo | null {
  const head = readId(b, 0);
  if (!head || head.value !== EBML_ID) return null;
  const hs = readSize(b, head.length);
  if (!hs || hs.unknown) return null;
  let docType = '';
  const hEnd = head.length + hs.length + hs.value;
  for (let p = head.length + hs.length; p < hEnd; ) {
    const id = readId(b, p);
    const sz = id && readSize(b, p + id.length);
    if (!id || !sz) return null;
    const body = p + id.length + sz.length;
    if (id.value === 0x4282) docType = String.fromCharCode(...b.subarray(body, body + sz.value));
    p = body + sz.value;
  }
  const info = findInfo(b, hEnd);
  if (!info) return { docType, durationMs: null };
  let scale = 1_000_000;
  let duration: number | null = null;
  for (let p = info.body; p < info.end; ) {
    const id = readId(b, p);
    const sz = id && readSize(b, p + id.length);
    if (!id || !sz) break;
    const body = p + id.length + sz.length;
    const dv = new DataView(b.buffer, b.byteOffset + body, sz.value);
    if (id.value === TIMESTAMP_SCALE_ID) {
      scale = 0;
      for (let i = 0; i < sz.value; i++) scale = scale * 256 + b[body + i];
    } else if (id.value === DURATION_ID) duration = sz.value === 8 ? dv.getFloat64(0) : sz.value === 4 ? dv.getFloat32(0) : null;
    p = body + sz.value;
  }
  return { docType, durationMs: duration === null ? null : (duration * scale) / 1e6 };
}

/** Start of the Info element, its body and end, inside the first Segment after `from`. */
function findInfo(b: Uint8Array, from: number): { start: number; idLen: number; sizeLen: number; body: number; end: number } | null {
  const seg = readId(b, from);
  if (!seg || seg.value !== SEGMENT_ID) return null;
  const ss = readSize(b, from + seg.length);
  if (!ss) return null;
  const segEnd = ss.unknown ? b.length : Math.min(b.length, from + seg.length + ss.length + ss.value);
  for (let p = from + seg.length + ss.length; p < segEnd; ) {
    const id = readId(b, p);
    const sz = id && readSize(b, p + id.length);
    if (!id || !sz || sz.unknown) return null;
    const body = p + id.length + sz.length;
    if (id.value === INFO_ID) return { start: p, idLen: id.length, sizeLen: sz.length, body, end: body + sz.value };
    p = body + sz.value;
  }
  return null;
}

/**
 * A copy of the WebM `bytes` with Duration `durationMs` in its Segment Info (replacing one that is
 * there). Returns the input unchanged when it is not a WebM file this can read.
 */
export function withWebmDuration(bytes: Uint8Array, durationMs: number): Uint8Array {
  const head = readId(bytes, 0);
  if (!head || head.value !== EBML_ID) return bytes;
  const hs = readSize(bytes, head.length);
  if (!hs || hs.unknown) return bytes;
  const info = findInfo(bytes, head.length + hs.length + hs.value);
  if (!info) return bytes;
  const scale = 1_000_000;
  // Info's children, without an old Duration, then the new one.
  const kept: Uint8Array[] = [];
  let timestampScale = scale;
  for (let p = info.body; p < info.end; ) {
    const id = readId(bytes, p);
    const sz = id && readSize(bytes, p + id.length);
    if (!id || !sz) return bytes;
    const end = p + id.length + sz.length + sz.value;
    if (id.value === TIMESTAMP_SCALE_ID) {
      timestampScale = 0;
      for (let i = p + id.length + sz.length; i < end; i++) timestampScale = timestampScale * 256 + bytes[i];
    }
    if (id.value !== DURATION_ID) kept.push(bytes.subarray(p, end));
    p = end;
  }
  const dur = new Uint8Array(11);
  dur[0] = 0x44;
  dur[1] = 0x89;
  dur[2] = 0x88; // size 8
  new DataView(dur.buffer).setFloat64(3, (durationMs * 1e6) / (timestampScale || scale));
  const bodyLen = kept.reduce((s, k) => s + k.length, 0) + dur.length;
  const infoId = bytes.subarray(info.start, info.start + info.idLen);
  const parts = [bytes.subarray(0, info.start), infoId, sizeVint8(bodyLen), ...kept, dur, bytes.subarray(info.end)];
  const out = new Uint8Array(parts.reduce((s, k) => s + k.length, 0));
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  // A known Segment size grows with the Info element.
  return fixSegmentSize(out, head.length + hs.length + hs.value, out.length - bytes.length);
}

function fixSegmentSize(b: Uint8Array, segStart: number, grewBy: number): Uint8Array {
  const seg = readId(b, segStart);
  if (!seg) return b;
  const ss = readSize(b, segStart + seg.length);
  if (!ss || ss.unknown || grewBy === 0) return b;
  const next = ss.value + grewBy;
  const maxForLength = 2 ** (7 * ss.length) - 2;
  if (next > maxForLength) return b; // cannot happen for MediaRecorder output (unknown size); leave as is
  let v = next;
  for (let i = ss.length - 1; i >= 0; i--) {
    b[segStart + seg.length + i] = v % 256;
    v = Math.floor(v / 256);
  }
  b[segStart + seg.length] |= 0x80 >> (ss.length - 1);
  return b;
}
