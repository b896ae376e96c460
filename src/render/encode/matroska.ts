/**
 * A minimal Matroska writer for uncompressed video: one track of raw frames
 * (V_UNCOMPRESSED, pixel format named by a FourCC), one cluster per frame,
 * each frame with its own timestamp. It lets ffmpeg read a variable frame
 * rate stream from a pipe, with real times, and no temporary files.
 */

/** The FourCC ffmpeg maps to packed RGBA, 8 bits per channel. */
export const FOURCC_RGBA = 'RGBA';
/** The FourCC ffmpeg maps to planar YUV 4:2:0 (yuv420p). */
export const FOURCC_I420 = 'I420';

const ID = {
  EBML: 0x1a45dfa3,
  EBMLVersion: 0x4286,
  EBMLReadVersion: 0x42f7,
  EBMLMaxIDLength: 0x42f2,
  EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282,
  DocTypeVersion: 0x4287,
  DocTypeReadVersion: 0x4285,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  MuxingApp: 0x4d80,
  WritingApp: 0x5741,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackUID: 0x73c5,
  TrackType: 0x83,
  FlagLacing: 0x9c,
  DefaultDuration: 0x23e383,
  CodecID: 0x86,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  ColourSpace: 0x2eb524,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
} as const;

/** An EBML element ID is written as its own bytes (the length marker is part of the ID). */
function idBytes(id: number): Buffer {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 255);
  return Buffer.from(bytes);
}

/** A data size as an EBML variable-length integer, in the fewest bytes (all-ones values are reserved). */
export function vint(n: number): Buffer {
  for (let len = 1; len <= 8; len++) {
    if (n < 2 ** (7 * len) - 1) {
      const b = Buffer.alloc(len);
      let v = n;
      for (let i = len - 1; i >= 0; i--) {
        b[i] = v & 255;
        v = Math.floor(v / 256);
      }
      b[0]! |= 1 << (8 - len);
      return b;
    }
  }
  throw new RangeError(`EBML size ${n} is too large`);
}

function uint(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 255);
    v = Math.floor(v / 256);
  } while (v > 0);
  return Buffer.from(bytes);
}

function element(id: number, data: Buffer): Buffer {
  return Buffer.concat([idBytes(id), vint(data.length), data]);
}

const str = (s: string) => Buffer.from(s, 'latin1');

/** Size field meaning "unknown": the segment is streamed and its length never patched. */
const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

export interface RawTrack {
  width: number;
  height: number;
  /** Pixel format as a FourCC, e.g. FOURCC_RGBA. */
  fourcc: string;
  /** Nominal frame rate, a hint for the reader; each frame still carries its own time. */
  fps: number;
}

/** EBML header, segment start (unknown size), info with millisecond timestamps, and the track. */
export function matroskaHeader(track: RawTrack): Buffer {
  const ebml = element(
    ID.EBML,
    Buffer.concat([
      element(ID.EBMLVersion, uint(1)),
      element(ID.EBMLReadVersion, uint(1)),
      element(ID.EBMLMaxIDLength, uint(4)),
      element(ID.EBMLMaxSizeLength, uint(8)),
      element(ID.DocType, str('matroska')),
      element(ID.DocTypeVersion, uint(4)),
      element(ID.DocTypeReadVersion, uint(2)),
    ]),
  );
  const info = element(
    ID.Info,
    Buffer.concat([element(ID.TimecodeScale, uint(1_000_000)), element(ID.MuxingApp, str('termlens')), element(ID.WritingApp, str('termlens'))]),
  );
  const video = element(
    ID.Video,
    Buffer.concat([element(ID.PixelWidth, uint(track.width)), element(ID.PixelHeight, uint(track.height)), element(ID.ColourSpace, str(track.fourcc))]),
  );
  const entry = element(
    ID.TrackEntry,
    Buffer.concat([
      element(ID.TrackNumber, uint(1)),
      element(ID.TrackUID, uint(1)),
      element(ID.TrackType, uint(1)),
      element(ID.FlagLacing, uint(0)),
      element(ID.DefaultDuration, uint(Math.round(1e9 / track.fps))),
      element(ID.CodecID, str('V_UNCOMPRESSED')),
      video,
    ]),
  );
  return Buffer.concat([ebml, idBytes(ID.Segment), UNKNOWN_SIZE, info, element(ID.Tracks, entry)]);
}

/**
 * The bytes that precede one frame's pixels: a cluster holding a timecode
 * and one key-frame SimpleBlock of `frameBytes` bytes. One cluster per frame
 * keeps the block's 16-bit relative timecode at zero whatever the gap.
 */
export function matroskaFrameHeader(timeMs: number, frameBytes: number): Buffer {
  const timecode = element(ID.Timecode, uint(Math.max(0, Math.round(timeMs))));
  // Track 1 (as a vint), relative timecode 0, flags: key frame.
  const blockHead = Buffer.from([0x81, 0x00, 0x00, 0x80]);
  const blockSize = blockHead.length + frameBytes;
  const simpleBlockHead = Buffer.concat([idBytes(ID.SimpleBlock), vint(blockSize), blockHead]);
  const clusterSize = timecode.length + simpleBlockHead.length + frameBytes;
  return Buffer.concat([idBytes(ID.Cluster), vint(clusterSize), timecode, simpleBlockHead]);
}
