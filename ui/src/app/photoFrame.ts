// The framing maths of the photo dialog: the cropper reports the frame as percentages of the preview,
// and the backend wants a square in the full photo's upright pixels that lies inside it.
import type { CropRect } from '../platform';

/** A rectangle in percent of the photo's width (x, width) and height (y, height), as react-easy-crop gives. */
export interface AreaPercentages {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The first framing: the largest square, centred (what the cropper shows at zoom 1). */
export function centredSquare(photo: { width: number; height: number }): AreaPercentages {
  const side = Math.min(photo.width, photo.height);
  return {
    x: ((photo.width - side) / 2 / photo.width) * 100,
    y: ((photo.height - side) / 2 / photo.height) * 100,
    width: (side / photo.width) * 100,
    height: (side / photo.height) * 100,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * The frame in the full photo's pixels: a square of whole pixels (the smaller side of what the
 * percentages say, so rounding can't make it overshoot), kept centred where it was and moved inside the
 * photo.
 */
export function cropToPixels(area: AreaPercentages, photo: { width: number; height: number }): CropRect {
  const x = (area.x / 100) * photo.width;
  const y = (area.y / 100) * photo.height;
  const width = (area.width / 100) * photo.width;
  const height = (area.height / 100) * photo.height;
  const side = clamp(Math.floor(Math.min(width, height)), 1, Math.min(photo.width, photo.height));
  return {
    x: clamp(Math.round(x + width / 2 - side / 2), 0, photo.width - side),
    y: clamp(Math.round(y + height / 2 - side / 2), 0, photo.height - side),
    width: side,
    height: side,
  };
}

/** The side of the smallest frame worth zooming to, in the photo's pixels (the avatar is 512 px). */
const SMALLEST_FRAME = 256;

/** How far the photo zooms in: until the frame is about 256 px of it, between 4× and 10×. */
export function maxZoom(photo: { width: number; height: number }): number {
  return clamp(Math.min(photo.width, photo.height) / SMALLEST_FRAME, 4, 10);
}
