import { describe, it, expect } from 'vitest';
import { isUuid, isUuidV7, uuidv7 } from './uuidv7';

describe('uuidv7', () => {
  it('writes a canonical lowercase version-7 UUID with the RFC 9562 variant', () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUuidV7(id)).toBe(true);
  });

  it('puts the Unix milliseconds in the first 48 bits', () => {
    const ms = Date.UTC(2026, 10, 26, 7, 10, 3, 123); // 0x01a216b09d73
    expect(uuidv7(ms).replace('-', '').slice(0, 12)).toBe(ms.toString(16).padStart(12, '0'));
    expect(uuidv7(0).startsWith('00000000-0000-7')).toBe(true);
    expect(uuidv7(2 ** 48 - 1).startsWith('ffffffff-ffff-7')).toBe(true);
  });

  it('sorts ids made in the same millisecond in creation order', () => {
    const ms = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 5000 }, () => uuidv7(ms));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps counting when the clock steps back a little', () => {
    const ms = Date.UTC(2031, 0, 1);
    const first = uuidv7(ms);
    const second = uuidv7(ms - 5);
    expect(second > first).toBe(true);
  });

  it('honours an explicit time far from the last one', () => {
    uuidv7(Date.UTC(2032, 0, 1));
    expect(uuidv7(1000).startsWith('00000000-03e8-7')).toBe(true);
  });

  it('throws on a time outside 48 bits or not an integer', () => {
    expect(() => uuidv7(-1)).toThrow(RangeError);
    expect(() => uuidv7(2 ** 48)).toThrow(RangeError);
    expect(() => uuidv7(1.5)).toThrow(RangeError);
  });
});

describe('isUuid / isUuidV7', () => {
  it('accepts canonical lowercase UUIDs of any version, v7 only for isUuidV7', () => {
    const v4 = '9f1c2b7e-3d4a-4b8c-9e0f-1a2b3c4d5e6f';
    expect(isUuid(v4)).toBe(true);
    expect(isUuidV7(v4)).toBe(false);
    expect(isUuid('019abf0a-5e5b-7c3d-8e4f-0123456789ab')).toBe(true);
    expect(isUuidV7('019abf0a-5e5b-7c3d-8e4f-0123456789ab')).toBe(true);
  });

  it('refuses uppercase, missing hyphens, braces and the wrong variant', () => {
    expect(isUuid('019ABF0A-5E5B-7C3D-8E4F-0123456789AB')).toBe(false);
    expect(isUuid('019abf0a5e5b7c3d8e4f0123456789ab')).toBe(false);
    expect(isUuid('{019abf0a-5e5b-7c3d-8e4f-0123456789ab}')).toBe(false);
    expect(isUuidV7('019abf0a-5e5b-7c3d-cf4f-0123456789ab')).toBe(false);
  });
});
