import { describe, expect, it } from 'vitest';

import { initials } from './session';

describe('initials', () => {
  it.each([
    ['Aroha Ngata', 'AN'],
    ['Jordan Lee-Smith', 'JL'],
    ['  maria  de la cruz ', 'MC'],
    ['jordan', 'JO'],
    ['Ø', 'Ø'],
    ['', '?'],
    ['   ', '?'],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
