/**
 * A D1 binding that counts the SQL statements run through it (a batch counts each of its
 * statements). The cron logs the count, so "D1 queries per invocation" is a measured figure.
 */
export interface CountingD1 {
  d1: D1Database;
  statements: () => number;
}

const EXECUTE = new Set(["all", "run", "first", "raw"]);

export function countingD1(inner: D1Database): CountingD1 {
  let count = 0;
  // Batches receive our wrapped statements; D1 needs its own objects back.
  const original = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (typeof prop === "string" && EXECUTE.has(prop)) count++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    original.set(proxy, stmt);
    return proxy;
  };
  const d1 = new Proxy(inner, {
    get(target, prop) {
      if (prop === "prepare") return (query: string) => wrap(target.prepare(query));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          count += statements.length;
          return target.batch(statements.map((s) => original.get(s) ?? s));
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { d1, statements: () => count };
}
