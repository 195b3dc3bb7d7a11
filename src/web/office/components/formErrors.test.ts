import { describe, expect, it } from 'vitest';
import { fieldPath } from './formErrors';

describe('fieldPath', () => {
  it('turns the server field names into antd name paths', () => {
    expect(fieldPath('password')).toEqual(['password']);
    expect(fieldPath('roles.0.storeId')).toEqual(['roles', 0, 'storeId']);
    expect(fieldPath('roles[1].role')).toEqual(['roles', 1, 'role']);
    expect(fieldPath('/lines/2/account')).toEqual(['lines', 2, 'account']);
  });
});
