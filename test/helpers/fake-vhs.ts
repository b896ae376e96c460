/** Stand-in `vhs` and `ttyd` programs: VHS needs ttyd and a browser, which tests cannot count on. */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './media.js';

/** A folder holding stand-in `vhs` and `ttyd` programs. */
export async function fakeBin(vhsScript: string, { ttyd = true } = {}): Promise<string> {
  const bin = await tempDir('termlens-fake-vhs-');
  writeFileSync(join(bin, 'vhs'), `#!/bin/sh\n${vhsScript}\n`);
  chmodSync(join(bin, 'vhs'), 0o755);
  if (ttyd) {
    writeFileSync(join(bin, 'ttyd'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'ttyd'), 0o755);
  }
  return bin;
}

// Reads the Output line of the tape it is given and writes a one-second MP4 there with ffmpeg
// (found on the PATH termlens gives VHS, which ends in the bundled ffmpeg's folder).
export const WRITES_MP4 = `
out=$(sed -n 's/^Output "\\(.*\\)"$/\\1/p' "$1")
echo "vhs: rendering $out"
ffmpeg -v error -y -f lavfi -i color=c=navy:s=320x240:d=1:r=10 -c:v libx264 -pix_fmt yuv420p "$out"
`;

