/** A plain object (`{…}` or JSON's objects), not null, an array or a class instance such as a URI. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The value as a plain object, or `undefined`. */
export function asPlainObject<T extends object = Record<string, unknown>>(value: unknown): T | undefined {
  return isPlainObject(value) ? (value as T) : undefined;
}

/** JSON text that holds an object, read as one; `undefined` for anything else (not JSON, an array, a string). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    return asPlainObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}
