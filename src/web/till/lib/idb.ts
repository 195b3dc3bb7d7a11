// A few promise helpers over IndexedDB, the till's durable store: the catalog snapshot, the
// outbox of sales and small meta values. One database per origin; versioned schema here only.
export const DB_NAME = 'cangshou-till';
const DB_VERSION = 2;

/**
 * `chunks`: the last full catalog pull, one JSON string per page (fast to read back: a few large
 * strings clone far quicker than 100,000 objects); `products`: what changed since, by id.
 */
export type StoreName = 'chunks' | 'products' | 'outbox' | 'meta';

let opening: Promise<IDBDatabase> | null = null;

export function openTillDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('chunks')) db.createObjectStore('chunks');
      if (!db.objectStoreNames.contains('products')) db.createObjectStore('products', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    };
    req.onsuccess = () => {
      // Another tab upgrading the schema: let it, this tab reloads into the new version.
      req.result.onversionchange = () => req.result.close();
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
  return opening;
}

export function requestResult<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Resolves when the transaction has committed (durably written), rejects when it aborts. */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error);
  });
}

export async function getAll<T>(store: StoreName): Promise<T[]> {
  const db = await openTillDb();
  return requestResult(db.transaction(store, 'readonly').objectStore(store).getAll() as IDBRequest<T[]>);
}

export async function getMeta<T>(key: string): Promise<T | undefined> {
  const db = await openTillDb();
  return requestResult(db.transaction('meta', 'readonly').objectStore('meta').get(key) as IDBRequest<T | undefined>);
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  const db = await openTillDb();
  const tx = db.transaction('meta', 'readwrite');
  tx.objectStore('meta').put(value, key);
  await committed(tx);
}
