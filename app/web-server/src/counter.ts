/** A visit counter shared by every replica: on the volume (VisitCounter) or in redis (RedisCounter). */
export interface Counter {
    /** The count as this process last saw it, plus its visits not yet stored. */
    readonly current: number;
    /** The stored count now (every replica's visits). Fails when the store cannot be read: the pod is not ready. */
    read(): Promise<number>;
    /** Counts one visit; resolves with its number once it is stored. */
    increment(): Promise<number>;
    /** Stores every visit counted so far, then lets go of the store (redis: its connection). On shutdown. */
    close(): Promise<void>;
}
