// jsdom does no layout, so a virtualized list would render no rows. `withViewport()` gives every element a
// 400 × 800 box for the tests of the file that calls it.
import { afterEach, beforeEach } from 'vitest';

export function withViewport(height = 400, width = 800): void {
  let restore: (() => void) | undefined;
  beforeEach(() => {
    const heightDescriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
    const widthDescriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
    restore = () => {
      if (heightDescriptor) Object.defineProperty(HTMLElement.prototype, 'clientHeight', heightDescriptor);
      if (widthDescriptor) Object.defineProperty(HTMLElement.prototype, 'clientWidth', widthDescriptor);
    };
  });
  afterEach(() => restore?.());
}
