import { describe, expect, it } from 'vitest';

import { normaliseEmail, parseAddressList } from './addresses';

describe('parseAddressList', () => {
  it('splits bare addresses at commas, semicolons, line breaks and spaces', () => {
    expect(parseAddressList('ana@example.com, bo@example.com;cy@example.com\r\ndee@example.com\n\ted@example.com  fay@example.com')).toEqual({
      entries: [
        { email: 'ana@example.com' },
        { email: 'bo@example.com' },
        { email: 'cy@example.com' },
        { email: 'dee@example.com' },
        { email: 'ed@example.com' },
        { email: 'fay@example.com' },
      ],
      fragments: [],
    });
  });

  it('understands names the way mail programs copy them, quoted commas included', () => {
    expect(
      parseAddressList('Ana Silva <Ana.Silva@Example.com>, "Lee, Jordan" <jordan@example.com>; <bo@example.com> "Cy \\"C\\" Day" <cy@example.com>'),
    ).toEqual({
      entries: [
        { email: 'ana.silva@example.com', name: 'Ana Silva' },
        { email: 'jordan@example.com', name: 'Lee, Jordan' },
        { email: 'bo@example.com' },
        { email: 'cy@example.com', name: 'Cy "C" Day' },
      ],
      fragments: [],
    });
  });

  it('takes the name beside a lone address, as rows copied from a spreadsheet give it', () => {
    expect(parseAddressList('Ana Silva\tana@example.com\nbo@example.com\tBo Berg\nmailto:cy@example.com (Cy Day)')).toEqual({
      entries: [
        { email: 'ana@example.com', name: 'Ana Silva' },
        { email: 'bo@example.com', name: 'Bo Berg' },
        { email: 'cy@example.com', name: 'Cy Day' },
      ],
      fragments: [],
    });
  });

  it('returns the pieces that aren’t addresses, as typed', () => {
    expect(parseAddressList('bob@, ana@example.com; jordan at example dot com\nBo <bo@example>\nana@example.com oops cy@example.com')).toEqual({
      entries: [{ email: 'ana@example.com' }, { email: 'cy@example.com' }],
      fragments: ['bob@', 'jordan at example dot com', 'Bo <bo@example>', 'oops'],
    });
  });

  it('keeps the first of addresses that differ only in case', () => {
    expect(parseAddressList('Ana <ana@example.com>, ANA@example.com, "Ana Two" <Ana@Example.COM>')).toEqual({
      entries: [{ email: 'ana@example.com', name: 'Ana' }],
      fragments: [],
    });
  });

  it('ends a piece at a line break even inside an unclosed quote', () => {
    expect(parseAddressList('"Lee, Jordan <jordan@example.com>\nbo@example.com')).toEqual({
      entries: [{ email: 'jordan@example.com', name: '"Lee, Jordan' }, { email: 'bo@example.com' }],
      fragments: [],
    });
  });

  it('has nothing in empty text or separators alone', () => {
    expect(parseAddressList('')).toEqual({ entries: [], fragments: [] });
    expect(parseAddressList(' ,; \n\r\n ')).toEqual({ entries: [], fragments: [] });
  });
});

describe('normaliseEmail', () => {
  it('lower-cases a plausible address and refuses the rest, as the server does', () => {
    expect(normaliseEmail(' Ana@Example.COM ')).toBe('ana@example.com');
    for (const bad of ['', 'ana', 'ana@', '@example.com', 'ana@example', 'a b@example.com', 'a@b@example.com', 'ana@-x.com']) {
      expect(normaliseEmail(bad), bad).toBeNull();
    }
  });
});
