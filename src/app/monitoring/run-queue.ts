// The port between the scheduler and the workers when runs scale out: the scheduler queues one request per
// due integration, and worker processes take them. A queue may deliver a request more than once (a worker
// that died is presumed to have done nothing); run-queued-integration.ts makes each slot run once.

/** One scheduled run of one integration: the slot (scheduledFor) is what makes a delivery a duplicate. */
export interface TRunRequest {
  orgId: string;
  integrationId: string;
  scheduledFor: Date;
}

export interface RunQueue {
  /** Queues a run; false when this slot (integration and scheduled time) is queued already. */
  enqueue(request: TRunRequest): Promise<boolean>;
}

/** What a worker process does with the queue. */
export interface RunWorkerQueue {
  /**
   * Takes requests, `concurrency` at a time, until stop(). A handler that throws is retried later with a
   * growing delay; one that outlives the run timeout (or whose process died) is given to another worker.
   * The signal aborts when this worker's claim on the request lapsed.
   */
  work(
    handler: (request: TRunRequest, signal: AbortSignal) => Promise<void>,
    options: { concurrency: number },
  ): Promise<void>;
  /** Stops taking requests and waits for those in progress; after graceSeconds they are released. */
  stop(graceSeconds: number): Promise<void>;
}
