import { describe, expect, it } from 'vitest';

import { e164Digits, formatPhone } from './phone';

describe('e164Digits', () => {
  it('reads a number typed in any format as the digits its E.164 form holds', () => {
    const e164 = '+6495550101';
    for (const typed of ['+64 9 555 0101', '+64-9-555-0101', '(09) 555 0101', '09 555 0101', '0064 9 555 0101', '6495550101']) {
      const digits = e164Digits(typed);
      expect(digits, typed).not.toBeNull();
      expect(e164.includes(digits ?? '-'), typed).toBe(true);
    }
    expect(e164Digits(formatPhone(e164))).toBe('6495550101');
  });

  it('keeps a short run of digits as typed: it is more likely the end of a number', () => {
    expect(e164Digits('0101')).toBe('0101');
    expect(e164Digits(' 555 ')).toBe('555');
  });

  it('is null for text that is no phone number', () => {
    expect(e164Digits('Sales line')).toBeNull();
    expect(e164Digits('NZ')).toBeNull();
    expect(e164Digits('+')).toBeNull();
    expect(e164Digits('')).toBeNull();
  });
});
