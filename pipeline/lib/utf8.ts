// Strict UTF-8 decoding with the position of the first bad byte, for every file we read as text.
import { positionAt, type Position } from './text-position.js';

export type Decoded = { ok: true; text: string } | { ok: false; byte: number; position: Position };

/**
 * Decodes strictly. A leading byte-order mark is dropped unless `keepByteOrderMark`: raw texts keep
 * it, so that cleaning removes it as a recorded edit and the raw bytes can be rebuilt exactly.
 */
export function decodeUtf8(bytes: Uint8Array, options: { keepByteOrderMark?: boolean } = {}): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: options.keepByteOrderMark ?? false }).decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    return { ok: false, byte: bad, position: positionAt(before, before.length) };
  }
}

function firstInvalidByte(bytes: Uint8Array): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      strict.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}
