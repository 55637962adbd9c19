/** Marker the JSON input stores while its text does not parse (the validator then rejects it). */
export const INVALID_JSON = '$$invalidJson';

export const isInvalidJsonMarker = (value: unknown): value is { [INVALID_JSON]: string } =>
  !!value && typeof value === 'object' && !Array.isArray(value) && INVALID_JSON in value;

/** A setting value for reading: durations and other strings as is, arrays joined, objects as JSON. */
export const formatSettingValue = (value: unknown): string => {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** Pretty JSON text for editing. */
export const toJsonText = (value: unknown): string => {
  if (value === undefined) return '';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return JSON.stringify(value);
  return JSON.stringify(value, null, 2);
};

export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
