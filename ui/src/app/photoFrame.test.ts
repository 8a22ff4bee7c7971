// @vitest-environment node
import { describe, expect, it } from 'vitest';

import { avatarSize } from '../data/photos';
import { centredSquare, cropToPixels, maxZoom } from './photoFrame';

const LANDSCAPE = { width: 4000, height: 3000 };
const PORTRAIT = { width: 3000, height: 4000 };

describe('cropToPixels', () => {
  it('turns the first framing into the largest centred square', () => {
    expect(cropToPixels(centredSquare(LANDSCAPE), LANDSCAPE)).toEqual({ x: 500, y: 0, width: 3000, height: 3000 });
    expect(cropToPixels(centredSquare(PORTRAIT), PORTRAIT)).toEqual({ x: 0, y: 500, width: 3000, height: 3000 });
  });

  it('scales percentages by the full photo’s size', () => {
    // A quarter of the short side, from 10 % across and 20 % down.
    expect(cropToPixels({ x: 10, y: 20, width: 18.75, height: 25 }, LANDSCAPE)).toEqual({ x: 400, y: 600, width: 750, height: 750 });
  });

  it('makes a rectangle square on its shorter side, centred where it was', () => {
    expect(cropToPixels({ x: 25, y: 0, width: 50, height: 50 }, LANDSCAPE)).toEqual({ x: 1250, y: 0, width: 1500, height: 1500 });
  });

  it('rounds down so a frame that overshoots by a fraction stays inside the photo', () => {
    const crop = cropToPixels({ x: 25.0001, y: 0, width: 75.0004, height: 100.0003 }, LANDSCAPE);
    expect(crop).toEqual({ x: 1000, y: 0, width: 3000, height: 3000 });
  });

  it('moves a frame past the edges back inside, and shrinks one larger than the photo', () => {
    expect(cropToPixels({ x: -3, y: 95, width: 10, height: 10 }, { width: 1000, height: 1000 })).toEqual({
      x: 0,
      y: 900,
      width: 100,
      height: 100,
    });
    // 4400 × 4500 px centred at (2200, 2250): the 3000 px square keeps its centre across, and fits down.
    expect(cropToPixels({ x: 0, y: 0, width: 110, height: 150 }, LANDSCAPE)).toEqual({ x: 700, y: 0, width: 3000, height: 3000 });
  });
});

describe('zoom and avatar sizes', () => {
  it('zooms until the frame is about 256 px of the photo, between 4× and 10×', () => {
    expect(maxZoom({ width: 800, height: 600 })).toBe(4);
    expect(maxZoom({ width: 2048, height: 2048 })).toBe(8);
    expect(maxZoom(LANDSCAPE)).toBe(10);
  });

  it('picks the kept avatar size that stays sharp at twice the CSS size', () => {
    expect([24, 28, 32, 33, 48, 64, 65, 120].map(avatarSize)).toEqual([64, 64, 64, 128, 128, 128, 512, 512]);
  });
});
