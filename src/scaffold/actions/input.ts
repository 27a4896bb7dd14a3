// Reading an action's rendered inputs with clear errors when a type is wrong.

import type { JsonObject } from '../types.ts';

export function optionalString(input: JsonObject, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new Error(`input "${key}" must be a string, got ${describe(value)}`);
  return value;
}

export function requiredString(input: JsonObject, key: string): string {
  const value = optionalString(input, key);
  if (value === undefined || value === '') throw new Error(`input "${key}" is required`);
  return value;
}

export function optionalBoolean(input: JsonObject, key: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`input "${key}" must be true or false, got ${describe(value)}`);
}

export function optionalStrings(input: JsonObject, key: string): string[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new Error(`input "${key}" must be a list of strings, got ${describe(value)}`);
  }
  return value as string[];
}

export function optionalObject(input: JsonObject, key: string): JsonObject | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`input "${key}" must be an object, got ${describe(value)}`);
  return value as JsonObject;
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
