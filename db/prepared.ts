import type { Database } from "./client";

/**
 * Statements built once per database handle and reused, for the hottest
 * queries: drizzle otherwise builds a query's SQL on every call, which costs
 * about as much as running it.
 */
export function preparedPerDatabase<T>(prepare: (db: Database) => T): (db: Database) => T {
  const prepared = new WeakMap<Database, T>();
  return (db) => {
    let statements = prepared.get(db);
    if (statements === undefined) prepared.set(db, (statements = prepare(db)));
    return statements;
  };
}
