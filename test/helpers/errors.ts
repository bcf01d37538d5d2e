// The error a call throws, for tests: jest runs them in another realm, so error classes are
// compared by `name`, never by `instanceof`.

export interface Thrown {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
}

/** The error `call` throws; fails the test when it returns instead. */
export function thrown(call: () => unknown): Thrown {
  try {
    call();
  } catch (e) {
    return e as Thrown;
  }
  throw new Error('expected a throw');
}
