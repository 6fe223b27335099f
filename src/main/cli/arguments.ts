import { InvalidArgumentError } from 'commander';

/** A commander argument parser for database ids (videos, runs): `abc`, `0` or `1.5` are refused in one line. */
export function parseId(value: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1) throw new InvalidArgumentError(`"${value}" is not an id (a positive whole number)`);
  return id;
}
