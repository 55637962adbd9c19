import { maxLength, regex, required } from 'react-admin';

/** Codes used as ids (region, store, franchisee, season, SKU): letters, digits, - _ . */
export const codeRules = [required(), maxLength(40), regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'masterData.validation.code')];

export const nameRules = [required(), maxLength(200)];

/** Whole number >= min (or empty). */
export const integerAtLeast = (min: number) => (value: unknown) => {
  if (value == null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) return 'masterData.validation.integer';
  if (n < min) return { message: 'masterData.validation.minValue', args: { min } };
  return undefined;
};
