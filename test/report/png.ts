/** A small PNG reader for tests: checks every chunk's CRC, inflates the image data and checks its length. */
import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** tEXt chunks, keyword to text. */
  text: Record<string, string>;
  /** RGBA rows, each with its filter byte. */
  raw: Buffer;
}

const SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: no signature');
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  let bitDepth = 0;
  const idat: Buffer[] = [];
  const text: Record<string, string> = {};
  let ended = false;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = png.readUInt32BE(at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== crc) throw new Error(`PNG chunk ${type}: bad CRC`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'tEXt') {
      const nul = data.indexOf(0);
      text[data.subarray(0, nul).toString('latin1')] = data.subarray(nul + 1).toString('latin1');
    } else if (type === 'IEND') ended = true;
    at += 12 + length;
  }
  if (!ended) throw new Error('PNG: no IEND chunk');
  if (bitDepth !== 8 || colorType !== 6)
    throw new Error(`PNG: expected 8-bit RGBA, got depth ${bitDepth} type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (1 + width * 4))
    throw new Error(`PNG: ${raw.length} bytes of image data for ${width}×${height}`);
  return { width, height, text, raw };
}
