/** What JSON.stringify leaves out of an object: such keys are dropped. */
type Dropped = symbol | ((...args: never[]) => unknown);

/**
 * The type of `JSON.parse(JSON.stringify(value))` for a value of type T: what the browser holds after
 * `apiFetch` or a prefetch, as opposed to what the service returned. Dates become ISO strings (through
 * `toJSON`, like any value that has one), keys holding functions or symbols drop out, a key that may be
 * undefined may be absent, and `unknown` stays unknown.
 */
export type Jsonified<T> = unknown extends T
  ? T
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends { toJSON(): infer J }
      ? Jsonified<J>
      : T extends readonly (infer U)[]
        ? Jsonified<U>[]
        : T extends Dropped
          ? never
          : { [K in keyof T as K extends symbol ? never : T[K] extends Dropped ? never : K]: Jsonified<T[K]> };
